"""The report editor: section tree, pages of questions, messages, search and finalization."""

"""A report: its session, the checks of its values, its review, summary and files of answers."""

"""The application's core: forms, reports, the store, exports. It imports no Qt."""

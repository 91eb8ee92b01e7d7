"""Pages of the projects app, one module per topic."""

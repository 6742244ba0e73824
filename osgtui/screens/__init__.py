"""Full screens of the osgtui console (import each screen from its own module)."""

"""Reference data: categories, powers, horizons and colour classes as TOML."""

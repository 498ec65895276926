"""The Qt window. It renders the core; it holds no reporting logic of its own."""

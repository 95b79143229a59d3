"""portal: a static-site generator for multilingual NGO information portals."""

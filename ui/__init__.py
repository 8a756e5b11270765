"""The Qt layer of XHHT Desktop. Everything here calls into xhht_desktop/ for work."""

"""Real-browser tests: JupyterLab and Voila driven by Playwright in Debian's chromium."""

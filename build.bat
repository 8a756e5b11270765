@echo off
rem Build XHHT Desktop for Windows 10/11 (64-bit): dist\XHHT\XHHT.exe (the app) and
rem dist\XHHT\xhht-cli.exe (command line), then run the bundle's self-tests.
rem Needs Python 3.11 (the "py" launcher from python.org). The first run creates .venv and
rem installs requirements-dev.txt (PyInstaller included); later runs reuse it.
rem XHHT_PYTHON overrides the Python that creates .venv (CI: the one actions/setup-python put on PATH).
rem Usage: build.bat [--clean] [--no-self-test] [--no-build]
setlocal
cd /d "%~dp0"
if "%XHHT_PYTHON%"=="" set "XHHT_PYTHON=py -3.11"
if not exist .venv\Scripts\python.exe (
  %XHHT_PYTHON% -m venv .venv || goto :error
  .venv\Scripts\python -m pip install -r requirements-dev.txt || goto :error
)
.venv\Scripts\python tools\build.py %* || goto :error
echo.
echo Xong / Done: dist\XHHT\XHHT.exe  (copy the whole dist\XHHT folder)
exit /b 0

:error
echo.
echo Build failed (exit code %errorlevel%).
exit /b 1

"""Which kernelspec our headless commands (report.py, kernel-starts.py) run, and from where.

No --kernel: ours, `java` in target/jupyter, put first on JUPYTER_PATH so that it wins over any `java`
the user has (IJava and JJava install under that name too). --kernel NAME: the spec NAME as the user's
Jupyter finds it (JUPYTER_PATH, then the user's and the system's data dirs), so `--kernel java` means
the user's IJava or JJava when one is installed as `java`; ours only where the user has none of that name.
"""

import os
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_DATA = ROOT / "target" / "jupyter"
OURS = "java"


def _user_path():
    """JUPYTER_PATH as the user set it (our commands' wrappers prepend target/jupyter: drop that)."""
    ours = JUPYTER_DATA.resolve()
    return [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and Path(p).resolve() != ours]


def _set_path(entries):
    if entries:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(entries)
    else:
        os.environ.pop("JUPYTER_PATH", None)


def use_kernel(name=None):
    """Set JUPYTER_PATH (inherited by nbclient's and jupyter_client's kernel managers) so that the spec
    to run is found first; return (name, its resource dir, whether it is ours). Exits with a clear message
    when there is no such spec."""
    user = _user_path()
    ours_first = [str(JUPYTER_DATA)] + user
    if name is not None:
        _set_path(user)
        try:
            found = KernelSpecManager().get_kernel_spec(name)
            return name, Path(found.resource_dir), False
        except NoSuchKernel:
            pass
    _set_path(ours_first)
    ksm = KernelSpecManager()
    try:
        found = ksm.get_kernel_spec(name or OURS)
    except NoSuchKernel:
        have = ", ".join(sorted(ksm.find_kernel_specs())) or "none"
        raise SystemExit("--kernel %s: no kernelspec of that name (installed: %s; `jupyter kernelspec list` "
                         "shows them; ours, `java`, needs environment/setup)" % (name or OURS, have))
    resource_dir = Path(found.resource_dir)
    return name or OURS, resource_dir, resource_dir.resolve() == (JUPYTER_DATA / "kernels" / OURS).resolve()

"""reportlab runs with its C accelerator (rl_accel, a dependency): about 15 % of the PDF's time."""


def test_reportlab_uses_its_c_accelerator():
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"

"""bench/numpy_blas.py: which OpenBLAS kernels a CPU may run, the pick among the measured ones, the product check."""
import importlib.util
import unittest
from pathlib import Path

import numpy as np

spec = importlib.util.spec_from_file_location("numpy_blas", Path(__file__).resolve().parents[1] / "bench" / "numpy_blas.py")
nb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(nb)

# /proc/cpuinfo flags, in part: an EPYC 9004 (Zen 4) and an AVX2-only Zen 2.
ZEN4 = {"sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_bf16"}
ZEN2 = {"sse4_2", "avx", "avx2", "fma"}


class Candidates(unittest.TestCase):
    def test_avx512_amd_gets_the_avx512_kernels_first(self):
        self.assertEqual(nb.candidates(ZEN4), ["SkylakeX", "Cooperlake", "Haswell", "Zen", "Sandybridge"])

    def test_avx2_cpu_never_gets_an_avx512_kernel(self):
        self.assertEqual(nb.candidates(ZEN2), ["Haswell", "Zen", "Sandybridge"])

    def test_no_vector_flags_no_candidates(self):
        self.assertEqual(nb.candidates({"sse2"}), [])


class Choose(unittest.TestCase):
    def test_a_fallback_to_prescott_is_overridden_by_the_fastest(self):
        rates = {None: 15.0, "SkylakeX": 76.0, "Cooperlake": 74.0, "Haswell": 50.0}
        kernels = {None: "Prescott", "SkylakeX": "SkylakeX", "Cooperlake": "Cooperlake", "Haswell": "Haswell"}
        self.assertEqual(nb.choose(rates, kernels), "SkylakeX")

    def test_noise_within_the_margin_keeps_openblas_pick(self):
        rates = {None: 46.9, "SkylakeX": 50.0, "Haswell": 41.3}
        kernels = {None: "Cooperlake", "SkylakeX": "SkylakeX", "Haswell": "Haswell"}
        self.assertEqual(nb.choose(rates, kernels), "")

    def test_the_same_kernel_by_its_name_is_no_override(self):
        rates = {None: 40.0, "Cooperlake": 60.0}
        self.assertEqual(nb.choose(rates, {None: "Cooperlake", "Cooperlake": "Cooperlake"}), "")

    def test_no_measurement_of_the_default_is_an_error(self):
        with self.assertRaises(SystemExit):
            nb.choose({"Haswell": 40.0}, {"Haswell": "Haswell"})


class Correct(unittest.TestCase):
    def test_numpy_dot_is_correct(self):
        self.assertTrue(nb.correct(n=64, rows=(0, 63)))

    def test_a_wrong_product_is_caught(self):
        def off(a, b):
            c = a @ b
            c[0, 5] += 1e-9 * abs(c[0, 5]) + 1e-9
            return c
        self.assertFalse(nb.correct(n=64, rows=(0, 63), product=off))


if __name__ == "__main__":
    unittest.main()

"""Face verification: detection, landmarks, quality gate, liveness challenges and 1:1 matching.

Nothing here loads a model at import time: ``engine.load_models`` does it explicitly, once, and
the ResNet descriptor runs in a child process (``engine.DescriptorWorker``) because it holds the
GIL for ~73 ms per face and would stall the camera preview.
"""

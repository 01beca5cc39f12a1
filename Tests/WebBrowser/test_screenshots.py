"""Screenshots of real pages (the seed catalogue and the fine-tuned model, on the `gallery` registry) for
docs/web.md. `make web-screenshots` writes them to docs/web/; otherwise they go to a temporary folder and
are only checked. With Pillow at hand each picture is reduced to 256 colours, which keeps it small."""
import os
import urllib.parse

from scene import BASE, FINETUNED
from support import PageTest, model_path

MAX_BYTES = 200_000
WIDTH = 1200


def shrink(path):
    """Reduces the PNG to a 256-colour palette when Pillow is installed; its size in bytes."""
    try:
        from PIL import Image
    except ImportError:
        return os.path.getsize(path)
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)
    return os.path.getsize(path)


class ScreenshotTests(PageTest):

    registry_name = "gallery"

    def shoot(self, name, path, height=820, selector=None, status=200):
        self.open(path, status=status)
        file = self.tab.screenshot(self.scene.screenshot_path(name), width=WIDTH, height=height, selector=selector)
        size = shrink(file)
        self.assertGreater(size, 5_000, f"{name}: a page, not a blank")
        self.assertLess(size, MAX_BYTES, f"{name}: small enough to commit")
        return file

    def test_pages(self):
        shots = [
            ("home", "/", 760, None),
            ("model", model_path(FINETUNED), 900, None),
            ("model-metrics", model_path(FINETUNED), 1100, "section#metrics"),
            ("model-weights", model_path(FINETUNED), 900, "section#weights"),
            ("lineage", f"/lineage/{BASE}", 700, None),
            ("compare", "/compare?" + urllib.parse.urlencode(
                {"a": "community/fashion-mnist-effnet-lite0:latest", "b": f"{FINETUNED}:latest"}), 900, None),
            ("namespace", "/namespaces/community", 600, None),
        ]
        for name, path, height, selector in shots:
            with self.subTest(page=name):
                self.shoot(name, path, height, selector)
        with self.subTest(page="not-found"):
            self.shoot("not-found", "/models/nobody/no-such-model", 420, status=404)

    def test_sign_in_form(self):
        registry, _ = self.scene.private
        self.tab.goto(registry.url + "/")
        file = self.tab.screenshot(self.scene.screenshot_path("sign-in"), width=WIDTH, height=480)
        self.assertLess(shrink(file), MAX_BYTES)

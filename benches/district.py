#!/usr/bin/env python3
"""Synthetic district generator for the benchmark kit (issue #11).

Writes a krufolio site (N Thai guidance pages in S sections, M teacher
portfolios in the real portfolio format with K artefacts each) and, with
--hugo and --zola, the same guidance pages as a Hugo or Zola site, so the peers build the same
content. Python 3 standard library only; ffmpeg and exiftool are needed only
for --media full (real JPEGs with EXIF GPS and tiny MP4s, made once and
cached under --cache).

The Thai prose is drawn from the shipped guides (<repo>/content) and, when
present, the shared seeds (/work/shared/seeds or --corpus DIR): phrases,
headings and list items are sampled with a fixed seed, so the same arguments
and the same corpus always give the same bytes. The corpus size and hash are
printed so two runs can be compared.

Usage: district.py SITE [--pages N] [--sections S] [--portfolios M]
                   [--artefacts K] [--media none|full] [--search on|off]
                   [--templates default|minimal] [--hugo DIR] [--zola DIR] [--cache DIR]
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THAI = re.compile(r"[\u0e00-\u0e7f]")
MARKUP = re.compile(r"[*_#|\[\]()>`{}<\\]")
LONG_NUMBER = re.compile(r"\d{7,}")
# A phrase worth keeping: Thai text, a number or code, or a plain English word.
WORD = re.compile(r"[\u0e00-\u0e7f0-9.,:;\-–“”\"']*[\u0e00-\u0e7f][\u0e00-\u0e7f0-9.,:;\-–“”\"'/]*|[0-9][0-9.]*|[A-Za-z]+")
TEACHER_CODES = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",
                 "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]


class Corpus:
    """Phrases, headings and list items from real Thai PA text."""

    def __init__(self, dirs):
        self.phrases, self.headings, self.items = [], [], []
        digest = hashlib.blake2b(digest_size=8)
        for d in dirs:
            for path in sorted(Path(d).rglob("*")):
                if path.suffix not in (".md", ".txt") or "portfolios" in path.parts:
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
                digest.update(text.encode())
                self._add(text)
        if len(self.phrases) < 100:
            sys.exit(f"district.py: corpus too small ({len(self.phrases)} phrases) in {dirs}")
        self.hash = digest.hexdigest()

    def _add(self, text):
        in_front = False
        for raw in text.splitlines():
            line = raw.strip()
            if line == "---":
                in_front = not in_front
                continue
            if in_front or not THAI.search(line) or "http" in line:
                continue
            clean = " ".join(w for w in MARKUP.sub(" ", line).split()
                             if not LONG_NUMBER.search(w) and w not in ("-", "+", ":"))
            if not clean:
                continue
            if raw.lstrip().startswith("#") or (len(clean) < 60 and raw.strip() == clean):
                self.headings.append(clean)
            if re.match(r"\s*([-*+]|\d+[.)])\s", raw) and len(clean) < 160:
                self.items.append(re.sub(r"^\d+[.)]?\s*", "", clean))
            self.phrases.extend(w for w in clean.split() if WORD.fullmatch(w) and 1 < len(w) <= 40)


def sentence(rng, corpus, lo, hi):
    return " ".join(rng.choice(corpus.phrases) for _ in range(rng.randint(lo, hi)))


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', "'") + '"'


def page_body(rng, corpus, links):
    """A guide page: intro, 4-7 headed parts with prose, lists and tables."""
    out = [sentence(rng, corpus, 10, 25), ""]
    for h in range(rng.randint(4, 6)):
        out += [f"## {rng.choice(corpus.headings)[:80]}", ""]
        for _ in range(rng.randint(1, 2)):
            words = sentence(rng, corpus, 12, 32).split(" ")
            i = rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
            out += [" ".join(words), ""]
        if h % 2 == 0:
            out += [f"- {rng.choice(corpus.items)[:120]}" for _ in range(rng.randint(3, 6))] + [""]
        else:
            out += [f"{n}. {rng.choice(corpus.items)[:120]}" for n in range(1, rng.randint(3, 6))]
            out += [""]
        if h % 3 == 1:
            out += ["| ตัวชี้วัด | หลักฐาน | ระดับ |", "|---|---|---|"]
            for code in rng.sample(TEACHER_CODES, 4):
                out.append(f"| {code} | {sentence(rng, corpus, 2, 5)} | {rng.randint(1, 4)} |")
            out.append("")
        if h == 2:
            out += [f"### {rng.choice(corpus.headings)[:60]}", "", sentence(rng, corpus, 15, 40), ""]
    out.append("อ่านต่อ: " + " · ".join(f"[{t}]({u})" for t, u in links))
    return "\n".join(out) + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def guidance(rng, corpus, content, pages, sections):
    """N pages in S sections under content/, the same bytes for every tool."""
    per = max(1, -(-pages // sections))
    write(content / "_index.md", "---\ntitle: แนวทาง PA ของเขตพื้นที่ (ชุดทดสอบความเร็ว)\n---\n\n"
          + sentence(rng, corpus, 20, 40) + "\n")
    made = 0
    for s in range(sections):
        if made >= pages:
            break
        sec = content / f"sec-{s:02d}"
        write(sec / "_index.md", f"---\ntitle: {yaml_str(rng.choice(corpus.headings)[:60])}\n"
              f"weight: {s + 1}\n---\n\n{sentence(rng, corpus, 20, 40)}\n")
        for p in range(min(per, pages - made)):
            targets = [rng.randrange(pages) for _ in range(2)]
            links = [(rng.choice(corpus.phrases), f"/sec-{g // per:02d}/page-{g % per:04d}/") for g in targets]
            front = (f"---\ntitle: {yaml_str(rng.choice(corpus.headings)[:80])}\n"
                     f"description: {yaml_str(sentence(rng, corpus, 8, 16))}\n"
                     f"date: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\nweight: {p + 1}\n---\n\n")
            write(sec / f"page-{p:04d}.md", front + page_body(rng, corpus, links))
            made += 1
    return made


MINIMAL = {
    "index.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for s in section.subsections %}<li><a href=\"{{ s.url }}\">{{ s.title }}</a></li>{% endfor %}</ul></body></html>",
    "section.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul></body></html>",
    "page.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ page.content | safe }}</body></html>",
    "404.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>404</title></head><body>404</body></html>",
}
HUGO_LAYOUTS = {
    "index.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>",
    "_default/list.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>",
    "_default/single.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>",
    "404.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>404</title></head><body>404</body></html>",
}
# Zola 0.22 reads the same YAML front matter; `section.subsections` holds paths.
ZOLA_TEMPLATES = {
    "index.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.subsections %}{% set s = get_section(path=p) %}<li><a href=\"{{ s.permalink }}\">{{ s.title }}</a></li>{% endfor %}</ul></body></html>",
    "section.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul></body></html>",
    "page.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ page.content | safe }}</body></html>",
    "404.html": "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>404</title></head><body>404</body></html>",
}
ZOLA_TOML = """base_url = 'https://pa.example.go.th'
title = 'แนวทาง PA ของเขตพื้นที่'
default_language = 'th'
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = true
"""
HUGO_TOML = """baseURL = 'https://pa.example.go.th/'
languageCode = 'th'
defaultContentLanguage = 'th'
title = 'แนวทาง PA ของเขตพื้นที่'
disableKinds = ['taxonomy', 'term', 'RSS']
[markup.goldmark.renderer]
unsafe = true
"""


def tiny_pdf(title):
    """A valid one-page PDF (correct xref offsets), a few hundred bytes."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
    stream = f"BT /F1 12 Tf 72 770 Td ({title}) Tj ET"
    objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def media_cache(cache, size):
    """Phone-like JPEGs (EXIF camera + GPS) and a tiny H.264/AAC MP4, made once."""
    cache.mkdir(parents=True, exist_ok=True)
    jpegs = []
    for i, src in enumerate(["testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc"]):
        out = cache / f"photo-{size}-{i}.jpg"
        if not out.exists():
            tmp = cache / f".tmp-{out.name}"
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"{src}=size={size}",
                            "-frames:v", "1", "-q:v", "3", str(tmp)], check=True)
            subprocess.run(["exiftool", "-q", "-overwrite_original", "-Make=Samsung", "-Model=SM-A546E",
                            "-DateTimeOriginal=2025:06:15 10:30:00", "-Orientation#=1",
                            "-GPSLatitude=16.4419", "-GPSLatitudeRef=N", "-GPSLongitude=102.8360",
                            "-GPSLongitudeRef=E", str(tmp)], check=True)
            tmp.rename(out)
        jpegs.append(out.read_bytes())
    mp4 = cache / "clip.mp4"
    if not mp4.exists():
        tmp = cache / ".tmp-clip.mp4"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15:duration=2",
                        "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-shortest", "-movflags", "+faststart", str(tmp)], check=True)
        tmp.rename(mp4)
    return jpegs, mp4


def unique_jpeg(base, tag):
    """The same photo with a COM segment after SOI, so every file hashes differently."""
    body = f"krufolio bench {tag}".encode()
    return base[:2] + b"\xff\xfe" + (len(body) + 2).to_bytes(2, "big") + body + base[2:]


def portfolios(rng, corpus, content, count, artefacts, media, cache, size):
    manifest = (REPO / "content/portfolios/manee-jaingam/portfolio.yaml").read_text(encoding="utf-8")
    jpegs, mp4 = media_cache(cache, size) if media == "full" else ([], None)
    for i in range(count):
        slug = f"kru-{i:04d}"
        d = content / "portfolios" / slug
        write(d / "portfolio.yaml", manifest.replace("นางสาวมานี ใจงาม", f"นางสาวครูทดสอบ ลำดับที่ {i + 1}")
              .replace("โรงเรียนบ้านหนองแวง", f"โรงเรียนบ้านทดสอบ {i % 97 + 1}"))
        write(d / "notes.md", f"---\ntitle: บันทึกของครู\n---\n\n## {rng.choice(corpus.headings)[:60]}\n\n"
              + sentence(rng, corpus, 40, 80) + "\n")
        # Every tenth portfolio leaves one indicator empty (a lint error to find).
        codes = [c for k, c in enumerate(TEACHER_CODES) if not (i % 10 == 0 and k == 11)]
        # One evidence folder per indicator, named like a teacher would: code, then words.
        names = [h for h in corpus.headings if THAI.match(h) and "/" not in h]
        folders = {c: d / f"{c} {' '.join(rng.choice(names).split()[:4])[:40]}" for c in codes}
        for a in range(artefacts):
            folder = folders[codes[a % len(codes)]]
            stem = f"หลักฐาน {a + 1:02d}"
            date = f"2568-{rng.randint(5, 9):02d}-{rng.randint(1, 28):02d}"
            side = f"---\ntitle: {yaml_str(sentence(rng, corpus, 3, 6))}\ndate: {date}\nconsent: true\n" \
                   f"description: {yaml_str(sentence(rng, corpus, 8, 14))}\n---\n"
            kind = "note" if media == "none" else ["jpg", "pdf", "jpg", "mp4", "jpg", "note"][a % 6]
            if kind == "note":
                write(folder / f"{stem}.md", f"---\ntitle: {yaml_str(sentence(rng, corpus, 3, 6))}\ndate: {date}\n---\n\n"
                      + sentence(rng, corpus, 30, 60) + "\n")
                continue
            folder.mkdir(parents=True, exist_ok=True)
            if kind == "jpg":
                (folder / f"{stem}.jpg").write_bytes(unique_jpeg(jpegs[a % len(jpegs)], f"{slug}/{a}"))
            elif kind == "pdf":
                (folder / f"{stem}.pdf").write_bytes(tiny_pdf(f"bench {slug} {a}"))
            else:
                shutil.copyfile(mp4, folder / f"{stem}.mp4")
            write(folder / f"{stem}.md", side)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--sections", type=int, default=20)
    ap.add_argument("--portfolios", type=int, default=0)
    ap.add_argument("--artefacts", type=int, default=15)
    ap.add_argument("--media", choices=["none", "full"], default="none")
    ap.add_argument("--photo-size", default="2048x1536")
    ap.add_argument("--search", choices=["on", "off"], default="off")
    ap.add_argument("--templates", choices=["default", "minimal"], default="default")
    ap.add_argument("--hugo", type=Path, help="also write the guidance pages as a Hugo site here")
    ap.add_argument("--zola", type=Path, help="also write the guidance pages as a Zola site here")
    ap.add_argument("--cache", type=Path, default=REPO / "target/bench-cache")
    ap.add_argument("--corpus", type=Path, action="append",
                    help="text folders to draw words from (default: <repo>/content and /work/shared/seeds if present)")
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    dirs = a.corpus or [REPO / "content"] + [p for p in [Path("/work/shared/seeds")] if p.is_dir()]
    corpus = Corpus(dirs)
    for root in [a.site] + [d for d in (a.hugo, a.zola) if d]:
        if root.exists():
            shutil.rmtree(root)
    content = a.site / "content"
    write(content / "site.yaml", "title: แนวทาง PA ของเขตพื้นที่ (ชุดทดสอบความเร็ว)\nlanguage: th\n"
          "base_url: https://pa.example.go.th/\ndistrict: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1\n"
          f"fiscal_year: 2568\nsearch: {'true' if a.search == 'on' else 'false'}\n")
    made = guidance(random.Random(a.seed), corpus, content, a.pages, a.sections)
    if a.templates == "minimal":
        for name, text in MINIMAL.items():
            write(a.site / "templates" / name, text)
    if a.portfolios:
        portfolios(random.Random(a.seed + 1), corpus, content, a.portfolios, a.artefacts, a.media,
                   a.cache, a.photo_size)
    if a.hugo:
        # The same generator state gives the same pages, byte for byte.
        guidance(random.Random(a.seed), corpus, a.hugo / "content", a.pages, a.sections)
        write(a.hugo / "hugo.toml", HUGO_TOML)
        for name, text in HUGO_LAYOUTS.items():
            write(a.hugo / "layouts" / name, text)
    if a.zola:
        guidance(random.Random(a.seed), corpus, a.zola / "content", a.pages, a.sections)
        write(a.zola / "config.toml", ZOLA_TOML)
        for name, text in ZOLA_TEMPLATES.items():
            write(a.zola / "templates" / name, text)
    size = sum(f.stat().st_size for f in content.rglob("*.md") if "portfolios" not in f.parts)
    print(f"district.py: {made} pages ({size / 1e6:.1f} MB Markdown), {a.portfolios} portfolios "
          f"x {a.artefacts} artefacts ({a.media} media) in {a.site}; corpus {len(corpus.phrases)} "
          f"phrases, hash {corpus.hash}", file=sys.stderr)


if __name__ == "__main__":
    main()

# ruff: noqa: E501 - the export is written as OJS writes it, an element per line
"""Benchmark the OJS import (#16): peak memory and time for a large export.

Writes an OJS 3.4 Native XML export of N articles (default 1,000) in issues of 20, each
with its own PDF galley of SIZE bytes (default 1 MB, incompressible, embedded in
base64 as OJS embeds them), then runs ``manage.py import_ojs`` on it in a fresh process
against a fresh SQLite database and media directory, and reports the export's size, the
import's wall time and the peak resident memory of the importing process
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``). Run it a second time on the same database to
measure a re-import that changes nothing. A report, never a test.

Usage::

    .venv/bin/python bench/ojs_import.py [--articles 1000] [--pdf-bytes 1048576] [--keep DIR]

Needs about 2.5 × N × SIZE of free disk in the temporary directory (export, stored
galleys, temporary copies).
"""

import argparse
import base64
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"


def pdf_of(size, seed):
    """A valid one-page PDF of about ``size`` bytes: its page content is random bytes."""
    payload = os.urandom(size)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
        b"<</Length %d>>\nstream\n" % len(payload) + payload + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def write_export(path, articles, pdf_bytes):
    """The export, written as it goes (never whole in memory)."""
    per_issue = 20
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<issues xmlns="http://pkp.sfu.ca">\n')
        for first in range(0, articles, per_issue):
            number = first // per_issue + 1
            out.write(
                f'<issue published="1" current="0" access_status="1">\n'
                f'<id type="internal" advice="ignore">{number}</id>\n'
                f"<issue_identification><volume>{number // 12 + 1}</volume>"
                f"<number>{number % 12 + 1}</number><year>{2000 + number // 12}</year>"
                f"</issue_identification>\n<date_published>{2000 + number // 12}-01-15</date_published>\n"
                '<sections><section ref="ART" seq="1"><title locale="zh_CN">论文</title>'
                '<title locale="en_US">Articles</title></section></sections>\n<articles>\n'
            )
            for n in range(first, min(first + per_issue, articles)):
                file_id = 100000 + n
                embedded = base64.b64encode(pdf_of(pdf_bytes, n)).decode()
                out.write(
                    f'<article locale="zh_CN" date_submitted="2020-01-01" status="3"'
                    f' current_publication_id="{n + 1}" stage="production">\n'
                    f'<id type="internal" advice="ignore">{n + 1}</id>\n'
                    f'<submission_file id="{file_id}" file_id="{file_id}" stage="proof" genre="Article Text">'
                    f'<name locale="zh_CN">article-{n}.pdf</name>'
                    f'<file id="{file_id}" extension="pdf"><embed encoding="base64">{embedded}</embed></file>'
                    "</submission_file>\n"
                    f'<publication version="1" status="3" date_published="{2000 + number // 12}-01-15"'
                    f' section_ref="ART" seq="{n - first}">\n'
                    f'<id type="internal" advice="ignore">{n + 1}</id>\n'
                    f'<id type="doi" advice="update">10.5555/bench.{n}</id>\n'
                    f'<title locale="zh_CN">基准文章 {n}：数字治理研究</title>\n'
                    f'<title locale="en_US">Benchmark article {n}: digital governance</title>\n'
                    '<abstract locale="zh_CN">&lt;p&gt;摘要。&lt;/p&gt;</abstract>\n'
                    "<licenseUrl>https://creativecommons.org/licenses/by/4.0/</licenseUrl>\n"
                    '<keywords locale="zh_CN"><keyword>治理</keyword><keyword>数字化</keyword></keywords>\n'
                    '<authors><author user_group_ref="Author" seq="0" id="1">'
                    '<givenname locale="zh_CN">修</givenname><familyname locale="zh_CN">欧阳</familyname>'
                    "<email>a@example.org</email></author></authors>\n"
                    f'<article_galley locale="zh_CN" approved="false"><name locale="zh_CN">PDF</name>'
                    f'<seq>0</seq><submission_file_ref id="{file_id}"/></article_galley>\n'
                    "<citations><citation>Ostrom E. Governing the Commons[M]. 1990.</citation></citations>\n"
                    f"<pages>{n % 90 + 1}-{n % 90 + 9}</pages>\n"
                    "</publication>\n</article>\n"
                )
            out.write("</articles>\n</issue>\n")
        out.write("</issues>\n")


def run_import(export, workdir, label):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "CITATIONS_RENDER": "queue",
    }
    started = time.monotonic()
    log = workdir / f"{label.replace(' ', '-')}.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                str(PYTHON),
                "manage.py",
                "import_ojs",
                str(export),
                "--journal",
                "bench",
                "--no-progress",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        # This process's own peak, not the largest of every child so far.
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    text = log.read_text()
    if status:
        sys.exit(f"{label} failed:\n{text[-3000:]}")
    summary = text.strip().splitlines()[-1]
    print(f"| {label} | {seconds:.1f} s | {usage.ru_maxrss / 1024:.0f} MB | {summary} |")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--pdf-bytes", type=int, default=1 << 20)
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ojs-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
    }
    export = workdir / "export.xml"
    started = time.monotonic()
    write_export(export, args.articles, args.pdf_bytes)
    print(
        f"Export: {args.articles} articles, {args.pdf_bytes / 1048576:.1f} MB PDF each:"
        f" {export.stat().st_size / 1048576:.0f} MB written in {time.monotonic() - started:.0f} s"
    )
    subprocess.run([str(PYTHON), "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            str(PYTHON),
            "-c",
            "import django; django.setup(); from journal.models import Journal;"
            " Journal.objects.get_or_create(slug='bench', defaults={'title_zh': '基准期刊',"
            " 'title_en': 'Bench Journal', 'publisher': 'Bench'})",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "journal.settings"},
        check=True,
    )
    print("\n| run | wall time | peak RSS | result |\n| --- | --- | --- | --- |")
    run_import(export, workdir, "first import")
    run_import(export, workdir, "same file again")
    print(f"\nLoad average after: {os.getloadavg()[0]:.2f} (2-core machine: {os.cpu_count()} CPUs)")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


if __name__ == "__main__":
    main()

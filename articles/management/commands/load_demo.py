"""Load the demo journal: the seed article and an English one, with PDF galleys.

Idempotent: the journal is updated in place and the articles are matched by DOI.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from articles.citation_queue import drain
from articles.importer import import_items, load_items
from articles.models import Galley
from journal.images import store_issue_cover, store_journal_image
from journal.models import BoardMember, Journal

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo_articles.json"

LICENCE_TERMS_EN = (
    "For all articles published in Axon Academic Publishing Institute journals, copyright is "
    "retained by the authors. Articles are licensed under an open-access Creative Commons CC BY "
    "4.0 license, meaning that anyone may download, read, reuse, and quote the paper for free, "
    "provided that the original published version is cited. This ensures that the work receives "
    "maximum use and exposure, while giving proper credit to the authors.\n\n"
    "In exceptional circumstances, articles may be licensed differently. If you have specific "
    "conditions (such as those related to funding) that prevent using this license, please notify "
    "the journal’s editorial office during submission. Exceptions will be considered at the "
    "publisher's discretion."
)
LICENCE_TERMS_ZH = (
    "在 Axon Academic Publishing Institute 旗下期刊发表的所有文章，版权均归作者所有。"
    "文章采用开放获取的知识共享 CC BY 4.0 许可协议，即任何人均可免费下载、阅读、再利用和引用论文，"
    "但须注明所引用的原始"
    "出版版本。这可确保作品得到最广泛的使用和传播，同时使作者获得应有的署名。\n\n"
    "在特殊情况下，文章可采用其他许可方式。如有特定条件（例如与资助相关的条件）使您无法使用本许可协议，"
    "请在投稿时告知期刊编辑部。是否例外由出版者酌情决定。"
)

# The About page (DOAJ-4): the same information in both languages (DOAJ-5).
ABOUT = {
    "aims_scope_zh": (
        "《公共治理研究》发表公共管理、公共政策与社会治理领域的原创研究，"
        "关注政府与社会组织关系、基层治理、公共服务供给和数字治理。\n\n"
        "本刊欢迎实证研究、理论研究与比较研究，也刊发高质量的研究综述。"
    ),
    "aims_scope_en": (
        "Public Governance Studies publishes original research in public administration, "
        "public policy and social governance, with a focus on relations between government "
        "and social organizations, grassroots governance, public service delivery and digital "
        "governance.\n\n"
        "The journal welcomes empirical, theoretical and comparative studies, and publishes "
        "high-quality reviews."
    ),
    "author_instructions_zh": (
        "稿件以中文或英文撰写，正文一般不超过 15000 字，须附中英文标题、摘要（300 字以内）"
        "和 3–5 个关键词。参考文献按 GB/T 7714—2015 著录。\n\n"
        "请通过编辑部电子邮箱投稿，并注明通讯作者及全部作者的单位和 ORCID iD。"
    ),
    "author_instructions_en": (
        "Manuscripts are written in Chinese or English, usually up to 15,000 characters or "
        "10,000 words, with titles and abstracts (up to 300 words) in both languages and 3–5 "
        "keywords. References follow GB/T 7714—2015.\n\n"
        "Submit by email to the editorial office, naming the corresponding author and every "
        "author's affiliation and ORCID iD."
    ),
    "peer_review_zh": (
        "所有研究论文均经过双盲同行评审：编辑部初审后，稿件送交至少两位外部审稿人，"
        "审稿人与作者互不知晓身份。首次审稿意见一般在 8 周内反馈，最终录用由主编决定。"
    ),
    "peer_review_en": (
        "Every research article undergoes double-blind peer review: after an editorial check, "
        "the manuscript goes to at least two external reviewers, and neither side knows the "
        "other's identity. Authors usually receive the first decision within 8 weeks; the "
        "editor-in-chief makes the final decision."
    ),
    "open_access_zh": (
        "本刊为完全开放获取期刊：所有文章发表后即可在网上免费阅读、下载、复制、传播和再利用，"
        "无需注册，不设禁锢期，只须注明原文出处。"
    ),
    "open_access_en": (
        "This is a fully open-access journal: every article is free to read, download, copy, "
        "distribute and reuse online from the moment it is published, without registration or "
        "embargo, provided the original publication is cited."
    ),
    "charges_fees": False,
    "fees_zh": "投稿费、审稿费、文章处理费（APC）和版面费均为零。",
    "fees_en": (
        "There are no submission charges, review charges, article processing charges (APCs) "
        "or page charges."
    ),
    "publisher_address_zh": "Axon Academic Publishing Institute\n北京市海淀区示例路 1 号，100080",
    "publisher_address_en": (
        "Axon Academic Publishing Institute\n1 Example Road, Haidian District, Beijing 100080, "
        "China"
    ),
    "contact_email": "editor@demo-journal.example.org",
}

BOARD = [
    (
        "王明",
        "Ming Wang",
        "主编",
        "Editor-in-chief",
        "北京大学政府管理学院",
        "School of Government, Peking University",
    ),
    (
        "Chris Ansell",
        "",
        "副主编",
        "Associate editor",
        "加州大学伯克利分校",
        "University of California, Berkeley",
    ),
    (
        "李华",
        "Hua Li",
        "编委",
        "Editorial board member",
        "清华大学公共管理学院",
        "School of Public Policy and Management, Tsinghua University",
    ),
    (
        "陈静",
        "Jing Chen",
        "编委",
        "Editorial board member",
        "复旦大学国际关系与公共事务学院",
        "School of International Relations and Public Affairs, Fudan University",
    ),
]


LATIN_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def latin1(text):
    """PDF core fonts cover Latin-1 only; typographic punctuation is folded to ASCII."""
    return text.translate(LATIN_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def demo_pdf(title, doi):
    """A one-page PDF standing in for the full text (Latin text: core fonts only)."""
    title = latin1(title)
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        0,
        6,
        f"Demo galley generated by load_demo. https://doi.org/{doi}\n"
        "The full text of the demo article is not part of the demo data.",
    )
    return bytes(pdf.output())


# The demo journal's identity (#19), drawn here: nothing is fetched.
DEMO_ACCENT = "#8b1e3f"  # 8.9:1 on white, 8.2:1 on the surface grey
DEMO_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">'
    b'<rect width="120" height="120" rx="18" fill="#8b1e3f"/>'
    b'<path d="M24 88 L60 28 L96 88 Z" fill="none" stroke="#fff" stroke-width="9" '
    b'stroke-linejoin="round"/><circle cx="60" cy="70" r="10" fill="#fff"/></svg>'
)


def demo_picture(size, title, subtitle):
    """A calm abstract picture with two lines of text, as JPEG bytes."""
    width, height = size
    image = Image.new("RGB", size, (139, 30, 63))
    draw = ImageDraw.Draw(image)
    for step in range(12):
        radius = (step + 1) * max(width, height) // 10
        shade = (150 + step * 8, 45 + step * 9, 75 + step * 8)
        draw.ellipse(
            (width - radius, height - radius, width + radius, height + radius),
            outline=shade,
            width=max(2, width // 200),
        )
    big = ImageFont.load_default(size=max(24, width // 14))
    small = ImageFont.load_default(size=max(16, width // 24))
    draw.text((width // 12, height // 10), title, font=big, fill="white")
    draw.text((width // 12, height // 10 + big.size * 1.4), subtitle, font=small, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def demo_identity(journal, issues):
    """Logo, favicon, home image and colour for the demo journal; a cover per issue."""
    journal.accent_colour = DEMO_ACCENT
    store_journal_image(journal, "logo", DEMO_LOGO, "logo.svg", save=False)
    store_journal_image(journal, "favicon", DEMO_LOGO, "favicon.svg", save=False)
    header = demo_picture((1600, 400), "Public Governance Studies", "Demo Journal")
    store_journal_image(journal, "header", header, "header.jpg", save=False)
    journal.save()
    for issue in issues:
        label = issue.label("en")
        cover = demo_picture((600, 800), "Public Gov. Stud.", label)
        issue.cover_alt_zh = f"{issue.label('zh-hans')}封面：深红底色上的同心圆与刊名"
        issue.cover_alt_en = f"Cover of {label}: the journal's name over concentric circles"
        store_issue_cover(issue, cover, "cover.jpg", save=False)
        issue.save()


class Command(BaseCommand):
    help = "Create or refresh the demo journal with the seed article (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        journal, _ = Journal.objects.update_or_create(
            slug="demo",
            defaults={
                "title_zh": "公共治理研究（示例期刊）",
                "title_en": "Public Governance Studies (Demo Journal)",
                "language": "zh-hans",
                "abbreviation": "Public Gov. Stud.",
                "issn_online": "2096-1235",
                "issn_print": "2096-1243",
                "publisher": "Axon Academic Publishing Institute",
                "description_zh": (
                    "示例期刊：用于演示本平台的中英双语论文页面。"
                    "收录公共管理与社会治理领域的研究论文。"
                ),
                "description_en": (
                    "A demonstration journal for this platform's bilingual article pages, "
                    "publishing research on public administration and social governance."
                ),
                "licence_terms_zh": LICENCE_TERMS_ZH,
                "licence_terms_en": LICENCE_TERMS_EN,
                **ABOUT,
            },
        )
        journal.board_members.all().delete()
        for order, (name, name_en, role_zh, role_en, place_zh, place_en) in enumerate(BOARD):
            BoardMember.objects.create(
                journal=journal,
                order=order,
                name=name,
                name_en=name_en,
                role_zh=role_zh,
                role_en=role_en,
                affiliation_zh=place_zh,
                affiliation_en=place_en,
            )
        items = load_items(DEMO_FILE.read_text(encoding="utf-8"))
        results = import_items(items)
        with translation.override(settings.LANGUAGE_CODE):
            for result in results:
                article = result.article
                if not article.galleys.exists():
                    galley = Galley(article=article, label="PDF", language=article.language)
                    english_title = article.title_en or article.original_title
                    galley.file.save(
                        f"article-{article.pk}.pdf",
                        ContentFile(demo_pdf(english_title, article.doi)),
                        save=False,
                    )
                    galley.save()
                self.stdout.write(f"{article.doi}\t{article.get_absolute_url()}")
        demo_identity(journal, {result.article.issue for result in results if result.article.issue})
        # The demo is served with its citations at once, before the worker has started.
        transaction.on_commit(drain)

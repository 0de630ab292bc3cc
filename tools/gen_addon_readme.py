#!/usr/bin/env python3
"""Write the addon's README.rst from its manifest and its readme/ fragments, in the
layout of OCA's addon READMEs. OCA's 18.0 fragments are Markdown (readme/*.md):
they are converted to reStructuredText here (headings, paragraphs, bullet and
numbered lists, inline code, emphasis, links, images, fenced code); a fragment
written in reStructuredText (readme/*.rst) is taken as it is.
--check only says whether README.rst is up to date."""

import ast
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the project's addons, each with its readme/ fragments
ADDONS = [
    os.path.join(ROOT, name)
    for name in (
        "crm_interaction_log",
        "crm_interaction_log_mass_mailing",
        "crm_interaction_log_repair",
        "crm_interaction_log_purchase_requisition",
    )
]
ADDON = ADDONS[0]
SECTIONS = [
    ("DESCRIPTION", None),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
]
LICENSE_BADGES = {
    "LGPL-3": "https://img.shields.io/badge/licence-LGPL--3-blue.png",
    "AGPL-3": "https://img.shields.io/badge/licence-AGPL--3-blue.png",
}
# Adornments by depth: the title (overlined), the sections, then what the
# fragments' own headings become below them.
SECTION_CHAR = "="
SUB_CHARS = ["~", "^", '"', "'"]

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^(\s*)([-*+])\s+(.*)$")
NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
FENCE = re.compile(r"^(\s*)(```|~~~)\s*([\w+-]*)\s*$")
IMAGE_LINE = re.compile(r"^\s*!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")


def inline(text):
    """Markdown inline markup as reStructuredText."""
    parts = re.split(r"(`[^`\n]+`)", text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # inline code, as a literal
            out.append(f"``{part[1:-1]}``")
            continue
        # emphasis as prettier writes it (_text_, possibly over several lines of
        # a paragraph): an underscore that opens or closes a word, never one
        # inside a name (crm_interaction_log)
        part = re.sub(r"(?<![\w_\\])_(?=[^\s_])", "*", part)
        part = re.sub(r"(?<=[^\s_\\])_(?![\w_])", "*", part)
        part = re.sub(r"<(https?://[^>\s]+)>", r"\1", part)
        part = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", r"\2", part)
        part = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"`\1 <\2>`__", part)
        part = re.sub(r"__(\S(?:.*?\S)?)__", r"**\1**", part)
        out.append(part)
    return "".join(out)


def title(text, char, over=False):
    line = char * len(text)
    return "{}{}\n{}\n".format(line + "\n" if over else "", text, line)


class MarkdownToRst:
    """Convert a Markdown fragment. Its headings take ``heading_chars`` in order of
    depth, its shallowest heading the first of them, so that the document's
    adornments stay consistent whatever level the fragment starts at."""

    def __init__(self, heading_chars):
        self.heading_chars = heading_chars
        self.out = []
        # the open list items: (indent of the Markdown marker, indent of the rst text)
        self.stack = []
        self.list_depth = None  # len(stack) when the last line written was in a list

    def convert(self, text):
        self.lines = text.replace("\t", "    ").splitlines()
        self.levels = sorted(
            {len(m.group(1)) for m in map(HEADING.match, self.lines) if m}
        )
        self.i = 0
        while self.i < len(self.lines):
            self.line(self.lines[self.i])
            self.i += 1
        while self.out and self.out[-1] == "":
            self.out.pop()
        return "\n".join(self.out) + "\n"

    def blank(self):
        if self.out and self.out[-1] != "":
            self.out.append("")

    def indent(self):
        return " " * (self.stack[-1][1] if self.stack else 0)

    def line(self, line):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            self.blank()
            return
        rule = re.match(r"^([-*_])(\s*\1){2,}$", stripped)
        item = None if rule else (BULLET.match(line) or NUMBERED.match(line))
        if item:
            self.list_item(indent, item)
            return
        if self.stack and (not self.out or self.out[-1] == ""):
            # after a blank line, a line belongs to the deepest item it is
            # indented under, or to no list
            while self.stack and indent < self.stack[-1][0] + 2:
                self.stack.pop()
        if not self.stack and self.list_depth is not None:
            self.blank()
            self.list_depth = None
        if rule:
            self.stack, self.list_depth = [], None
            self.blank()
            self.out += ["----", ""]
        elif FENCE.match(line):
            self.code_block(indent, FENCE.match(line))
        elif HEADING.match(line):
            self.heading(HEADING.match(line))
        elif IMAGE_LINE.match(line):
            self.image(IMAGE_LINE.match(line))
        elif stripped.startswith(">"):
            quote = self.indent() + "    "
            if not self.out or not self.out[-1].startswith(quote):
                self.blank()
            self.out.append(quote + inline(stripped.lstrip(">").strip()))
        else:
            self.out.append(self.indent() + inline(stripped))
        if self.stack:
            self.list_depth = len(self.stack)

    def list_item(self, indent, item):
        # a marker indented under the open item's text starts a nested list
        while self.stack and indent < self.stack[-1][0] + 2:
            self.stack.pop()
        marker = "-" if item.group(2) in "-*+" else "#."
        # rst wants a blank line around a list and around a nested list, none
        # between the items of one list
        if self.list_depth != len(self.stack) + 1:
            self.blank()
        self.out.append(self.indent() + marker + " " + inline(item.group(3)))
        self.stack.append((indent, len(self.indent()) + len(marker) + 1))
        self.list_depth = len(self.stack)

    def code_block(self, indent, fence):
        base = self.indent()
        self.blank()
        language = fence.group(3)
        self.out += [base + (f".. code-block:: {language}" if language else "::"), ""]
        self.i += 1
        while self.i < len(self.lines):
            code = self.lines[self.i]
            if code.strip().startswith(fence.group(2)):
                break
            code = code[indent:] if code[:indent].isspace() else code.lstrip()
            self.out.append(base + "   " + code if code.strip() else "")
            self.i += 1
        self.blank()

    def heading(self, heading):
        self.stack, self.list_depth = [], None
        depth = self.levels.index(len(heading.group(1)))
        char = self.heading_chars[min(depth, len(self.heading_chars) - 1)]
        self.blank()
        self.out += [title(inline(heading.group(2)), char).rstrip("\n"), ""]

    def image(self, image):
        self.blank()
        self.out.append(f"{self.indent()}.. image:: {image.group(2)}")
        if image.group(1):
            self.out.append(f"{self.indent()}   :alt: {image.group(1)}")
        self.out.append("")


def markdown_to_rst(text, heading_chars):
    return MarkdownToRst(heading_chars).convert(text)


def fragment(name, heading_chars):
    """The fragment ``name`` (DESCRIPTION, USAGE...) as reStructuredText, or None."""
    base = os.path.join(ADDON, "readme", name)
    if os.path.exists(base + ".md"):
        with open(base + ".md", encoding="utf-8") as f:
            text = f.read()
        return markdown_to_rst(text, heading_chars) if text.strip() else None
    if os.path.exists(base + ".rst"):
        with open(base + ".rst", encoding="utf-8") as f:
            text = f.read().strip()
        return text + "\n" if text else None
    return None


def render():
    with open(os.path.join(ADDON, "__manifest__.py"), encoding="utf-8") as f:
        manifest = ast.literal_eval(f.read())
    series = ".".join(manifest["version"].split(".")[:2])
    parts = [
        title(manifest["name"], "=", over=True),
        "..\n   !! This file is generated by tools/gen_addon_readme.py from readme/.\n"
        "   !! Change the fragments in readme/, not this file.\n",
        "|badge1| |badge2|\n\n"
        ".. |badge1| image:: {}\n    :alt: License: {}\n"
        ".. |badge2| image:: https://img.shields.io/badge/odoo-{}-875A7B.png\n"
        "    :alt: Odoo {}\n".format(
            LICENSE_BADGES.get(manifest["license"], LICENSE_BADGES["LGPL-3"]),
            manifest["license"],
            series,
            series,
        ),
    ]
    for name, heading in SECTIONS:
        if heading is None:
            # before the first section: its headings are sections themselves
            text = fragment(name, [SECTION_CHAR] + SUB_CHARS)
            if text is not None:
                parts += [text, "**Table of contents**\n\n.. contents::\n   :local:\n"]
            continue
        text = fragment(name, SUB_CHARS)
        if text is not None:
            parts += [title(heading, SECTION_CHAR), text]
    parts += [
        title("Credits", SECTION_CHAR),
        title("Authors", SUB_CHARS[0]),
        "".join(f"- {a.strip()}\n" for a in manifest["author"].split(",")),
    ]
    contributors = fragment("CONTRIBUTORS", SUB_CHARS[1:])
    if contributors:
        parts += [title("Contributors", SUB_CHARS[0]), contributors]
    return "\n".join(parts)


def main():
    global ADDON
    for ADDON in ADDONS:
        path = os.path.join(ADDON, "README.rst")
        text = render()
        if "--check" in sys.argv:
            current = (
                open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            )
            if current != text:
                sys.exit(f"{path} is not up to date: run tools/gen_addon_readme.py")
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()

"""Regenerates template_cases.json: expected chat-template renderings computed with real Jinja2
configured exactly as Hugging Face transformers configures it (chat_template_utils.py).

Run: python3 make_template_cases.py > template_cases.json   (needs only jinja2 >= 3.1)
"""
import json
from datetime import datetime, timezone

from jinja2.exceptions import TemplateError
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_NOW = datetime(2025, 3, 7, 14, 5, 9, tzinfo=timezone.utc)


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                      sort_keys=sort_keys)


def strftime_now(fmt):
    return FIXED_NOW.strftime(fmt)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                    extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = strftime_now

TEMPLATES = json.load(open("templates.json"))

CONVERSATIONS = {
    "basic": [{"role": "user", "content": "Hello"},
              {"role": "assistant", "content": " Hi there "},
              {"role": "user", "content": "2+2?"}],
    "system": [{"role": "system", "content": "  You are terse.\n"},
               {"role": "user", "content": "What is 12 + 30?"},
               {"role": "assistant", "content": "42"}],
    "unicode": [{"role": "user", "content": "\u00a0\u89e3 \U0001f600 \u202eabc\u202c\u00a0"},
                {"role": "assistant", "content": "\n\n  x  \t"}],
    "one_user": [{"role": "user", "content": "The following is a break down: "}],
}

cases = []
for name, spec in sorted(TEMPLATES.items()):
    tmpl = env.from_string(spec["template"])
    for conv_name, conv in sorted(CONVERSATIONS.items()):
        if conv_name not in spec.get("conversations", list(CONVERSATIONS)):
            continue
        for agp in (False, True):
            kwargs = dict(messages=conv, add_generation_prompt=agp, tools=None, documents=None)
            kwargs.update({k: v for k, v in spec.get("tokens", {}).items()})
            try:
                out = tmpl.render(**kwargs)
                err = None
            except TemplateError as e:
                out, err = None, str(e)
            cases.append({"template": name, "conversation": conv_name, "messages": conv,
                          "add_generation_prompt": agp, "expected": out, "error": err})
print(json.dumps({"now": FIXED_NOW.isoformat(), "templates": TEMPLATES, "cases": cases},
                 indent=1, ensure_ascii=False))

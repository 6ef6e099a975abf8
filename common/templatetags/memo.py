"""``{% load memo %}{% memo current_view %}...{% endmemo %}``: markup that depends only on
the code, the language and the values named (the layout's links, menu and footer),
rendered once per app process for each language and value, like the country lists
(``common.widgets.LongSelect``).

It is not a cache of content: nothing a service changes may go inside (that is what
``common.cache.cached_fragment`` is for), nor anything about the visitor. A block (the
child templates' content) or a CSRF token inside is refused when the template is read,
and the values named must take few values (a view's name, never a path or a query).
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode
from django.utils.translation import get_language

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on
        self.rendered = {}

    def render(self, context):
        key = (get_language(), *(value.resolve(context) for value in self.vary_on))
        html = self.rendered.get(key)
        if html is None:
            # The template's own output, already safe (a SafeString): kept as it is.
            html = self.rendered[key] = self.nodelist.render(context)
        return html


@register.tag
def memo(parser, token):
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    for kind in (BlockNode, CsrfTokenNode):
        if nodelist.get_nodes_by_type(kind):
            raise template.TemplateSyntaxError(
                f"{{% memo %}} cannot hold a {kind.__name__}: it would be shared by every page"
            )
    return MemoNode(nodelist, vary_on)

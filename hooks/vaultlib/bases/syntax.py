"""The Bases expression language: a tokenizer and a recursive-descent parser (never ``eval``).

Grammar, lowest precedence first (as the Obsidian help's "Bases syntax" documents it)::

    or      := and (("||" | "or") and)*
    and     := not (("&&" | "and") not)*
    compare := sum (("==" | "!=" | ">" | "<" | ">=" | "<=") sum)*
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/" | "%") unary)*
    unary   := ("!" | "not" | "-" | "+") unary | postfix
    postfix := primary ("." name | "." name "(" args ")" | "[" expr "]" | "(" args ")")*
    primary := number | string | true | false | null | name | "(" expr ")" | "[" list "]" | "{" object "}"

Own code, not a library: the expression language is Obsidian's own and no Python package parses it.
Hostile input stays cheap: the tokenizer is one linear pass, an expression is at most
``MAX_EXPRESSION_CHARS`` long, and nesting deeper than ``MAX_DEPTH`` is refused (the evaluator
recurses over the tree, so the depth bounds it too).
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_EXPRESSION_CHARS = 20_000
MAX_DEPTH = 48  # nesting of the tree (brackets, calls, chained operators): each level costs ~9 Python frames to parse

_TWO_CHAR = {"==", "!=", ">=", "<=", "&&", "||"}
_ONE_CHAR = set("+-*/%<>!()[]{}.,:?")
_WORD_OPERATORS = {"and": "&&", "or": "||", "not": "!"}
_CONSTANTS = {"true": True, "false": False, "null": None}


class ExpressionError(Exception):
    """A syntax error: ``position`` is the character offset in the expression."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "string", "name", "op", "end"
    value: object
    position: int


@dataclass(frozen=True)
class Node:
    """One node of the tree: ``kind`` says what ``parts`` are.

    literal (value,)   name (identifier,)   list (items...)   object ((key, node)...)
    unary (op, operand)   binary (op, left, right)   member (object, name)   index (object, key)
    call (callee, args...): callee is a name node (a global function) or a member node (a method)
    """

    kind: str
    parts: tuple
    position: int


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char in "_$"  # Unicode letters and digits: CJK property names are names


def tokenize(text: str) -> list[Token]:
    """The expression's tokens; a BOM and any Unicode whitespace (CRLF too) separate them."""
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"the expression is {len(text)} characters long; at most {MAX_EXPRESSION_CHARS} are read")
    tokens: list[Token] = []
    position, length = 0, len(text)
    while position < length:
        char = text[position]
        if char.isspace() or char == "\ufeff":
            position += 1
        elif char.isdigit() and char.isascii():
            position = _number(text, position, tokens)
        elif char in "\"'":
            position = _string(text, position, tokens)
        elif _is_name_char(char):
            end = position
            while end < length and _is_name_char(text[end]):
                end += 1
            word = text[position:end]
            if word in _WORD_OPERATORS:
                tokens.append(Token("op", _WORD_OPERATORS[word], position))
            else:
                tokens.append(Token("name", word, position))
            position = end
        elif text[position:position + 2] in _TWO_CHAR:
            tokens.append(Token("op", text[position:position + 2], position))
            position += 2
        elif char in _ONE_CHAR:
            tokens.append(Token("op", char, position))
            position += 1
        else:
            raise ExpressionError(f"unexpected character '{char}'", position)
    tokens.append(Token("end", None, length))
    return tokens


def _number(text: str, start: int, tokens: list[Token]) -> int:
    end = start
    while end < len(text) and text[end].isascii() and text[end].isdigit():
        end += 1
    # "1.5" is a number; "1.isTruthy()" is a method call on 1.
    if end + 1 < len(text) and text[end] == "." and text[end + 1].isascii() and text[end + 1].isdigit():
        end += 1
        while end < len(text) and text[end].isascii() and text[end].isdigit():
            end += 1
        tokens.append(Token("number", float(text[start:end]), start))
    else:
        digits = text[start:end]  # beyond 15 digits a float, as JavaScript reads it (and int() refuses 4300)
        tokens.append(Token("number", int(digits) if end - start <= 15 else float(digits), start))
    return end


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"'}


def _string(text: str, start: int, tokens: list[Token]) -> int:
    quote, chars, position = text[start], [], start + 1
    while position < len(text):
        char = text[position]
        if char == quote:
            tokens.append(Token("string", "".join(chars), start))
            return position + 1
        if char == "\\" and position + 1 < len(text):
            chars.append(_ESCAPES.get(text[position + 1], text[position + 1]))
            position += 2
            continue
        chars.append(char)
        position += 1
    raise ExpressionError("a string is never closed", start)


_COMPARISONS = {"==", "!=", ">", "<", ">=", "<="}


class Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.at = 0

    def parse(self) -> Node:
        node = self.expression(0)
        token = self.peek()
        if token.kind != "end":
            raise ExpressionError(f"unexpected '{token.value}' after the end of the expression", token.position)
        return node

    def peek(self) -> Token:
        return self.tokens[self.at]

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def accept(self, op: str) -> Token | None:
        token = self.peek()
        if token.kind == "op" and token.value == op:
            return self.take()
        return None

    def expect(self, op: str) -> Token:
        token = self.accept(op)
        if token is None:
            found = self.peek()
            raise ExpressionError(f"expected '{op}' but found {_shown(found)}", found.position)
        return token

    @staticmethod
    def deeper(depth: int, position: int) -> int:
        if depth >= MAX_DEPTH:
            raise ExpressionError(f"the expression nests deeper than {MAX_DEPTH} levels", position)
        return depth + 1

    def expression(self, depth: int) -> Node:
        return self.binary(depth, 0)

    # Binary levels, lowest first: each chained operator makes the tree one level deeper.
    LEVELS = ({"||"}, {"&&"}, _COMPARISONS, {"+", "-"}, {"*", "/", "%"})

    def binary(self, depth: int, level: int) -> Node:
        if level == len(self.LEVELS):
            return self.unary(depth)
        node = self.binary(depth, level + 1)
        while (token := self.peek()).kind == "op" and token.value in self.LEVELS[level]:
            self.take()
            depth = self.deeper(depth, token.position)
            node = Node("binary", (token.value, node, self.binary(depth, level + 1)), token.position)
        return node

    def unary(self, depth: int) -> Node:
        token = self.peek()
        if token.kind == "op" and token.value in ("!", "-", "+"):
            self.take()
            return Node("unary", (token.value, self.unary(self.deeper(depth, token.position))), token.position)
        return self.postfix(depth)

    def postfix(self, depth: int) -> Node:
        node = self.primary(depth)
        while True:
            token = self.peek()
            if token.kind != "op" or token.value not in (".", "[", "("):
                return node
            depth = self.deeper(depth, token.position)
            self.take()
            if token.value == ".":
                name = self.take()
                if name.kind not in ("name", "number"):
                    raise ExpressionError(f"expected a name after '.' but found {_shown(name)}", name.position)
                node = Node("member", (node, str(name.value)), name.position)
            elif token.value == "[":
                key = self.expression(depth)
                self.expect("]")
                node = Node("index", (node, key), token.position)
            else:
                node = Node("call", (node, *self.arguments(depth, ")")), token.position)

    def arguments(self, depth: int, closing: str) -> list[Node]:
        items: list[Node] = []
        if self.accept(closing):
            return items
        while True:
            items.append(self.expression(depth))
            if self.accept(closing):
                return items
            self.expect(",")

    def primary(self, depth: int) -> Node:
        token = self.take()
        if token.kind in ("number", "string"):
            return Node("literal", (token.value,), token.position)
        if token.kind == "name":
            if token.value in _CONSTANTS:
                return Node("literal", (_CONSTANTS[token.value],), token.position)
            return Node("name", (token.value,), token.position)
        if token.kind == "op" and token.value == "(":
            node = self.expression(self.deeper(depth, token.position))
            self.expect(")")
            return node
        if token.kind == "op" and token.value == "[":
            return Node("list", tuple(self.arguments(self.deeper(depth, token.position), "]")), token.position)
        if token.kind == "op" and token.value == "{":
            return self.object(self.deeper(depth, token.position), token.position)
        if token.kind == "op" and token.value == "/":
            raise ExpressionError("regular expressions (/.../) are not supported on the static site", token.position)
        raise ExpressionError(f"expected a value but found {_shown(token)}", token.position)

    def object(self, depth: int, position: int) -> Node:
        pairs = []
        if not self.accept("}"):
            while True:
                key = self.take()
                if key.kind not in ("string", "name"):
                    raise ExpressionError(f"expected a key but found {_shown(key)}", key.position)
                self.expect(":")
                pairs.append((str(key.value), self.expression(depth)))
                if self.accept("}"):
                    break
                self.expect(",")
        return Node("object", tuple(pairs), position)


def _shown(token: Token) -> str:
    return "the end of the expression" if token.kind == "end" else f"'{token.value}'"


def parse_expression(text: str) -> Node:
    """The tree of one expression; raises ExpressionError with the offset of what is wrong."""
    return Parser(text).parse()

using System.Globalization;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace FunctionalAD;

/// <summary>The tokenizer and grammar of <see cref="Expression.Parse"/>, built with Superpower's combinators.</summary>
internal static class ExpressionGrammar
{
    // ---- The tokenizer ----

    private static readonly TextParser<Unit> NumberText =
        from integer in Span.Regex(@"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
        select Unit.Value;

    public static readonly Tokenizer<ExpressionToken> Tokenizer = new TokenizerBuilder<ExpressionToken>()
        .Ignore(Span.WhiteSpace)
        .Match(NumberText, ExpressionToken.Number)
        .Match(Identifier.CStyle, ExpressionToken.Name)
        .Match(Character.EqualTo('+'), ExpressionToken.Plus)
        .Match(Character.EqualTo('-'), ExpressionToken.Minus)
        .Match(Character.EqualTo('*'), ExpressionToken.Times)
        .Match(Character.EqualTo('/'), ExpressionToken.Divide)
        .Match(Character.EqualTo('^'), ExpressionToken.Power)
        .Match(Character.EqualTo('('), ExpressionToken.Open)
        .Match(Character.EqualTo(')'), ExpressionToken.Close)
        .Match(Character.EqualTo(','), ExpressionToken.Comma)
        .Build();

    // ---- The grammar, producing syntax that is checked and built into a graph afterwards ----
    // expression := term (('+' | '-') term)*      term := unary (('*' | '/') unary)*
    // unary := '-' unary | power                   power := atom ('^' unary)?
    // atom := number | name '(' arguments ')' | name | '(' expression ')'

    private static readonly TokenListParser<ExpressionToken, Syntax> Number =
        Token.EqualTo(ExpressionToken.Number).Select(t =>
            (Syntax)new NumberSyntax(double.Parse(t.ToStringValue(), NumberStyles.Float, CultureInfo.InvariantCulture)));

    private static readonly TokenListParser<ExpressionToken, Syntax> NameOrCall =
        from name in Token.EqualTo(ExpressionToken.Name)
        from arguments in (
                from open in Token.EqualTo(ExpressionToken.Open)
                from list in Parse.Ref(() => Sum!).ManyDelimitedBy(Token.EqualTo(ExpressionToken.Comma))
                from close in Token.EqualTo(ExpressionToken.Close).Named("')' or ','")
                select list)
            .OptionalOrDefault()
        select arguments is null
            ? (Syntax)new NameSyntax(name.ToStringValue())
            : new CallSyntax(name.ToStringValue(), name.Span.Position.Column, arguments);

    private static readonly TokenListParser<ExpressionToken, Syntax> Parenthesised =
        from open in Token.EqualTo(ExpressionToken.Open)
        from inner in Parse.Ref(() => Sum!)
        from close in Token.EqualTo(ExpressionToken.Close).Named("')'")
        select inner;

    private static readonly TokenListParser<ExpressionToken, Syntax> Atom =
        Number.Or(NameOrCall).Or(Parenthesised).Named("an expression");

    private static readonly TokenListParser<ExpressionToken, Syntax> Power =
        from baseValue in Atom
        from exponent in Token.EqualTo(ExpressionToken.Power).IgnoreThen(Parse.Ref(() => Unary!)).Select(s => (Syntax?)s).OptionalOrDefault()
        select exponent is null ? baseValue : new BinarySyntax('^', baseValue, exponent);

    private static readonly TokenListParser<ExpressionToken, Syntax> Unary =
        Token.EqualTo(ExpressionToken.Minus).IgnoreThen(Parse.Ref(() => Unary!)).Select(s => (Syntax)new NegateSyntax(s))
            .Or(Power)
            .Named("an expression");

    private static readonly TokenListParser<ExpressionToken, Syntax> Term =
        Parse.Chain(
            Token.EqualTo(ExpressionToken.Times).Or(Token.EqualTo(ExpressionToken.Divide)),
            Unary,
            (op, left, right) => new BinarySyntax(op.Kind == ExpressionToken.Times ? '*' : '/', left, right));

    private static readonly TokenListParser<ExpressionToken, Syntax> Sum =
        Parse.Chain(
            Token.EqualTo(ExpressionToken.Plus).Or(Token.EqualTo(ExpressionToken.Minus)),
            Term,
            (op, left, right) => new BinarySyntax(op.Kind == ExpressionToken.Plus ? '+' : '-', left, right));

    public static readonly TokenListParser<ExpressionToken, Syntax> Whole = Sum.AtEnd();
}

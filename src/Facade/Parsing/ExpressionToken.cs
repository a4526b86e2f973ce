namespace FunctionalAD;

/// <summary>The tokens of the expression language read by <see cref="Expression.Parse"/>.</summary>
internal enum ExpressionToken
{
    Number,
    Name,
    Plus,
    Minus,
    Times,
    Divide,
    Power,
    Open,
    Close,
    Comma,
}

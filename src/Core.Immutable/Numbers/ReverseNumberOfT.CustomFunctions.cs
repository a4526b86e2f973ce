namespace FunctionalAD;

public readonly partial struct ReverseNumber<T> : ICustomFunctionLift<ReverseNumber<T>>
{
    // The value one level down; the partials are the rule's JVP for each unit tangent, recorded as a chain of
    // binary entries (the tape holds two parents an entry) whose last entry is the result.
    static ReverseNumber<T> ICustomFunctionLift<ReverseNumber<T>>.Apply<F>(F function, ReadOnlySpan<ReverseNumber<T>> x)
    {
        var primals = new T[x.Length];
        for (var i = 0; i < x.Length; i++) primals[i] = x[i].Value;
        var value = CustomFunctions.Apply(function, (ReadOnlySpan<T>)primals);
        var unit = new T[x.Length];
        Array.Fill(unit, T.Zero);
        ReverseNumber<T>? result = null;
        for (var i = 0; i < x.Length; i++)
        {
            unit[i] = T.One;
            var partial = function.Jvp<T>(primals, value, unit);
            unit[i] = T.Zero;
            result = result is { } sum ? Binary(sum, x[i], value, T.One, partial) : Unary(x[i], value, partial);
        }
        return result!.Value;
    }
}

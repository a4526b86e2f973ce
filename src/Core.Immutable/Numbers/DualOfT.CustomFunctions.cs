namespace FunctionalAD;

public readonly partial struct Dual<T> : ICustomFunctionLift<Dual<T>>
{
    // The value one level down (itself by the function's rule, down to double); the tangent is the rule's JVP there.
    static Dual<T> ICustomFunctionLift<Dual<T>>.Apply<F>(F function, ReadOnlySpan<Dual<T>> x)
    {
        var primals = new T[x.Length];
        var tangents = new T[x.Length];
        var carrier = x[0];
        var moves = false;
        for (var i = 0; i < x.Length; i++)
        {
            primals[i] = x[i].value;
            tangents[i] = x[i].tangent;
            moves |= !StrongZero.Is(x[i].tangent);
            if (i > 0) carrier = new(carrier.value, StrongZero.Is(carrier.tangent) ? x[i].tangent : carrier.tangent, Tag(carrier, x[i]));
        }
        var value = CustomFunctions.Apply(function, (ReadOnlySpan<T>)primals);
        return new(value, moves ? Canonical(function.Jvp<T>(primals, value, tangents)) : T.Zero, carrier.tag);
    }
}

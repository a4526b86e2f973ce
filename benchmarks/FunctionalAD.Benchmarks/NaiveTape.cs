namespace FunctionalAD.Benchmarks;

/// <summary>
/// The "straightforward implementation" reference: a 30-line closure tape of the kind found in
/// tutorials. Every operation allocates a node and appends a closure that adds into mutable gradients;
/// the backward pass runs the closures in reverse.
/// </summary>
public sealed class NaiveTape
{
    private readonly List<Action> backward = [];

    public sealed class Var(NaiveTape tape, double value)
    {
        public double Value { get; } = value;
        public double Grad { get; set; }
        internal NaiveTape Tape { get; } = tape;

        public static Var operator +(Var a, Var b) => a.Tape.Record(a.Value + b.Value, (r) => { a.Grad += r.Grad; b.Grad += r.Grad; });
        public static Var operator -(Var a, Var b) => a.Tape.Record(a.Value - b.Value, (r) => { a.Grad += r.Grad; b.Grad -= r.Grad; });
        public static Var operator *(Var a, Var b) => a.Tape.Record(a.Value * b.Value, (r) => { a.Grad += b.Value * r.Grad; b.Grad += a.Value * r.Grad; });
        public static Var operator *(double c, Var b) => b.Tape.Record(c * b.Value, (r) => b.Grad += c * r.Grad);
        public static Var operator +(double c, Var b) => b.Tape.Record(c + b.Value, (r) => b.Grad += r.Grad);
        public static Var operator -(double c, Var b) => b.Tape.Record(c - b.Value, (r) => b.Grad -= r.Grad);
        public static Var Sin(Var a) => a.Tape.Record(Math.Sin(a.Value), (r) => a.Grad += Math.Cos(a.Value) * r.Grad);
    }

    public Var Variable(double value) => new(this, value);

    private Var Record(double value, Action<Var> pullback)
    {
        var result = new Var(this, value);
        backward.Add(() => pullback(result));
        return result;
    }

    public void Backward(Var output)
    {
        output.Grad = 1;
        for (var i = backward.Count - 1; i >= 0; i--) backward[i]();
    }
}

// The seed example: y = w·x + b, its graph, and its partial derivatives by both modes.
using FunctionalAD;

var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
Expr y = w * x + b;
var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

Console.WriteLine($"graph:   y = {y}");
Console.WriteLine($"point:   {at}");
Console.WriteLine($"value:   y = {Graph.Evaluate(y, at)}");
Console.WriteLine($"reverse: {Reverse.Grad(y, at)}");
Console.WriteLine($"forward: {Forward.Grad(y, at)}");
Console.WriteLine($"façade:  dy/dw = {Differentiate.Expression(y).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Gradient()["w"]}");

// Without a graph: the same function written on ReverseNumbers, and a function of one variable on Duals.
Console.WriteLine($"function: d(w·x + b)/d(w, x, b) = [{string.Join(", ", Reverse.GradOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0]))}]");
Console.WriteLine($"function: d/dt [sin(t)·t] at t = 1: {Forward.Derivative(t => Dual.Sin(t) * t, 1.0):R}");

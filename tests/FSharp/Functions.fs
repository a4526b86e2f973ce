/// Differentiating F# lambdas over the AD number types, without building a graph.
module FunctionalAD.FSharp.Tests.Functions

open System
open Xunit
open FunctionalAD

[<Fact>]
let ``Forward.Derivative takes an F# lambda`` () =
    let d = Forward.Derivative((fun t -> sin t * t), 1.0)
    Assert.Equal(Math.Sin 1.0 + Math.Cos 1.0, d, 14)

[<Fact>]
let ``Reverse.GradOf takes an F# lambda over an array`` () =
    let g = Reverse.GradOf((fun v -> v.[0] * v.[1] + sin v.[2]), [| 3.0; 2.0; 1.0 |])
    Assert.Equal<float list>([ 2.0; 3.0; Math.Cos 1.0 ], List.ofSeq g)

[<Fact>]
let ``a pullback is an F# function away`` () =
    let w, x, b = Expr.Input "w", Expr.Input "x", Expr.Input "b"
    let vjp = Reverse.Vjp(w * x + b, Bindings.From(Map.ofList [ "x", 3.0; "w", 2.0; "b", 1.0 ]))
    let pullback = vjp.Pullback.Invoke
    Assert.Equal(7.0, vjp.Value.ToScalar())
    Assert.Equal(20.0, (pullback (Tensor.Scalar 10.0)).Scalar "x")

[<Fact>]
let ``a loop and a branch in an F# function are differentiated as they run`` () =
    let f (v: ReverseNumber<float>[]) =
        let mutable acc = v.[0]
        for _ in 1..3 do
            acc <- if acc.Value > 1.0 then acc * 0.5 else acc * acc
        acc
    // 3 → 1.5 → 0.75 → 0.5625 = (3 · 0.5 · 0.5)², derivative 2 · 0.75 · 0.25 = 0.375
    let g = Reverse.GradOf(f, [| 3.0 |])
    Assert.Equal(0.375, g.[0], 14)

[<Fact>]
let ``one Bindings holds numbers and tensors, and a scalar partial reads as a float`` () =
    let W, c = Expr.Input("W", Shape.Matrix(2, 2)), Expr.Input "c"
    let at =
        Bindings.From(Map.ofList [ "W", Tensor.Matrix(array2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ]) ]).With("c", 0.5)
    let g = Reverse.Grad(Expr.Sum(W * c), at)
    Assert.Equal(10.0, g.Scalar "c")                    // ∂/∂c of c·ΣW
    Assert.Equal(10.0, g.["c"].ToScalar())
    Assert.Equal(Tensor.Filled(Shape.Matrix(2, 2), 0.5), g.["W"])
    let e = Assert.Throws<InvalidOperationException>(fun () -> g.Scalar "W" |> ignore)
    Assert.Contains("2×2", e.Message)
    // Bindings.Of takes C# value tuples: struct pairs from F#.
    Assert.Equal<Bindings>(Bindings.From(Map.ofList [ "x", 3.0 ]), Bindings.Of(struct ("x", 3.0)))

[<Fact>]
let ``a custom derivative is an F# function and its rule away`` () =
    // √a by Newton's iteration, differentiated by the implicit function theorem: dy/da = 1/(2y).
    let newton (a: Expr) =
        let mutable y = (a + Expr.Constant 1.0) / Expr.Constant 2.0
        for _ in 1..40 do
            y <- (y + a / y) / Expr.Constant 2.0
        y
    let sqrtNewton = CustomDerivative.WithJvp("sqrt_newton", newton, fun _ y da -> da / (Expr.Constant 2.0 * y))
    let root = sqrtNewton.Apply(Expr.Input "a")
    let at = Bindings.Of(struct ("a", 2.0))
    Assert.Equal(1.0 / (2.0 * sqrt 2.0), (Reverse.Grad(root, at)).Scalar "a", 12)
    Assert.Equal(-1.0 / (4.0 * 2.0 ** 1.5), (Transform.Hessian(root, at)).[0, 0], 12)

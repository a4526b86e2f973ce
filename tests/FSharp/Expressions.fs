/// Graphs built and differentiated the way an F# programmer writes them: operators, F#'s own math functions,
/// Map for bindings, pattern matching on nodes.
module FunctionalAD.FSharp.Tests.Expressions

open System
open Xunit
open FunctionalAD

let w, x, b = Expr.Input "w", Expr.Input "x", Expr.Input "b"
let at = Bindings.From(Map.ofList [ "x", 3.0; "w", 2.0; "b", 1.0 ])

/// The three shapes a node can take, as an F# active pattern over the core's node classes.
let (|Constant|Input|Apply|) (e: Expr) =
    match e with
    | :? ConstantNode as c -> Constant c.Value
    | :? InputNode as i -> Input i.Name
    | :? ApplyNode as a -> Apply(a.Primitive.Name, List.ofSeq a.Arguments)
    | _ -> failwithf "unknown node %O" e

[<Fact>]
let ``y = w*x + b is built with operators, printed, evaluated and differentiated`` () =
    let y = w * x + b
    Assert.Equal("w * x + b", string y)
    Assert.Equal(7.0, Graph.Evaluate(y, at).ToScalar())
    let g = Reverse.Grad(y, at)
    Assert.Equal<(string * float) list>([ "b", 1.0; "w", 3.0; "x", 2.0 ], [ for KeyValue(k, v) in g -> k, v.ToScalar() ])

[<Fact>]
let ``F# math functions and ** apply to graph values`` () =
    let z = sin x * exp w + x ** 2.0 + abs b + sqrt x - tanh w / log x
    let expected =
        Math.Sin 3.0 * Math.Exp 2.0 + 9.0 + 1.0 + Math.Sqrt 3.0 - Math.Tanh 2.0 / Math.Log 3.0
    Assert.Equal(expected, Graph.Evaluate(z, at).ToScalar(), 12)
    // d/dx = cos x · e^w + 2x + 1/(2√x) + tanh w / (x · log² x)
    let dx = Math.Cos 3.0 * Math.Exp 2.0 + 6.0 + 0.5 / Math.Sqrt 3.0 + Math.Tanh 2.0 / (3.0 * Math.Log 3.0 ** 2.0)
    Assert.Equal(dx, Reverse.Grad(z, at).Scalar "x", 12)
    Assert.Equal(dx, Forward.Grad(z, at).["x"].ToScalar(), 12)

[<Fact>]
let ``pattern matching takes a graph apart`` () =
    match w * x + b with
    | Apply("add", [ Apply("mul", [ Input "w"; Input "x" ]); Input "b" ]) -> ()
    | other -> failwithf "unexpected shape %O" other

[<Fact>]
let ``a recursive function over nodes counts the multiplications`` () =
    let rec multiplications e =
        match e with
        | Apply(name, args) -> (if name = "mul" then 1 else 0) + List.sumBy multiplications args
        | Constant _ | Input _ -> 0
    Assert.Equal(3, multiplications (w * x * x + b * (x + 2.0)))

[<Fact>]
let ``gradients become F# maps, and pipelines evaluate over many points`` () =
    let y = w * x + b
    let slopes =
        [ 1.0 .. 4.0 ]
        |> List.map (fun xv -> Reverse.Grad(y, at.With("x", xv)))
        |> List.map (fun g -> Map.ofSeq [ for KeyValue(k, v) in g -> k, v.ToScalar() ])
        |> List.map (Map.find "w")
    Assert.Equal<float list>([ 1.0; 2.0; 3.0; 4.0 ], slopes)

[<Fact>]
let ``an unbound input is an exception that names it`` () =
    let e = Assert.Throws<UnboundInputException>(fun () -> Graph.Evaluate(w * x, Bindings.From(Map.ofList [ "w", 1.0 ])) |> ignore)
    Assert.Equal("x", e.InputName)

[<Fact>]
let ``structural equality works with F# equality`` () =
    Assert.True((w * x + b) = (w * x + b))
    Assert.False((w * x + b) = (x * w + b))

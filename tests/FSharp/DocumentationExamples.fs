/// The examples of docs/fsharp.md, compiled and run here. Each example sits between `// example:` and
/// `// end` lines, and a test checks that every ```fsharp block of the document is one of them, word for word.
module FunctionalAD.FSharp.Tests.DocumentationExamples

open System
open System.IO
open System.Text.RegularExpressions
open Xunit
open FunctionalAD

[<Fact>]
let ``graphs`` () =
    // example:
    let w, x, b = Expr.Input "w", Expr.Input "x", Expr.Input "b"
    let y = w * x + b                                   // a graph value: add(mul(w, x), b)
    let at = Bindings.From(Map.ofList [ "x", 3.0; "w", 2.0; "b", 1.0 ])
    let value = Graph.Evaluate(y, at).ToScalar()        // 7: a Tensor, a scalar here
    let g = Reverse.Grad(y, at)                         // b = 1, w = 3, x = 2
    let dydw = g.Scalar "w"                             // 3, the same as g.["w"].ToScalar()
    let asMap = Map.ofSeq [ for KeyValue(name, d) in g -> name, d.ToScalar() ]
    // end
    Assert.Equal(7.0, value)
    Assert.Equal(3.0, dydw)
    Assert.Equal<Map<string, float>>(Map.ofList [ "b", 1.0; "w", 3.0; "x", 2.0 ], asMap)

[<Fact>]
let ``math functions`` () =
    // example:
    let x = Expr.Input "x"
    let z = sin x * exp x + x ** 2.0 + sqrt (abs x)     // F#'s own sin, exp, sqrt, abs and ** work on Expr
    let slope = Forward.Grad(z, Bindings.From(Map.ofList [ "x", 1.0 ])).Scalar "x"
    // end
    Assert.Equal((Math.Sin 1.0 + Math.Cos 1.0) * Math.E + 2.0 + 0.5, slope, 12)

[<Fact>]
let ``functions`` () =
    // example:
    let d = Forward.Derivative((fun t -> sin t * t), 1.0)            // sin 1 + cos 1
    let g = Reverse.GradOf((fun v -> v.[0] * v.[1] + v.[2]), [| 2.0; 3.0; 1.0 |])   // [3; 2; 1]
    // end
    Assert.Equal(Math.Sin 1.0 + Math.Cos 1.0, d, 14)
    Assert.Equal<float list>([ 3.0; 2.0; 1.0 ], List.ofSeq g)

[<Fact>]
let ``big unrolled programs`` () =
    // example:
    let step (x: FlatExpr) = x + 1e-7 * sin x             // sin works on FlatExpr as on Expr
    let chain = FlatGraph.Trace((fun x0 -> Seq.fold (fun x _ -> step x) x0 (seq { 1 .. 1000 })), "x0")
    let at = Bindings.From(Map.ofList [ "x0", 0.3 ])
    let slope = Reverse.Grad(chain, at).Scalar "x0"        // the Expr graph's derivative, bit for bit
    // end
    let graph = Seq.fold (fun (x: Expr) _ -> x + 1e-7 * sin x) (Expr.Input "x0") (seq { 1 .. 1000 })
    Assert.Equal(Reverse.Grad(graph, at).Scalar "x0", slope)
    Assert.Equal(3002, chain.NodeCount)

[<Fact>]
let ``matching`` () =
    // example:
    let describe (e: Expr) =
        match e with
        | :? ConstantNode as c -> sprintf "constant %O" c.Value
        | :? InputNode as i -> sprintf "input %s" i.Name
        | :? ApplyNode as a -> sprintf "%s of %d arguments" a.Primitive.Name a.Arguments.Length
        | _ -> "another node"
    let text = describe (Expr.Input "w" * Expr.Input "x")  // "mul of 2 arguments"
    // end
    Assert.Equal("mul of 2 arguments", text)

/// The repository the tests were built from, found by walking up from the test binaries to FunctionalAD.sln.
/// (Not __SOURCE_DIRECTORY__: a CI build maps source paths to /_/ for deterministic binaries.)
let private repositoryRoot () =
    let rec up (folder: DirectoryInfo) =
        if isNull folder then failwithf "FunctionalAD.sln not found above %s" AppContext.BaseDirectory
        elif File.Exists(Path.Combine(folder.FullName, "FunctionalAD.sln")) then folder.FullName
        else up folder.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

let private examplesInThisFile () =
    let source = File.ReadAllText(Path.Combine(repositoryRoot (), "tests", "FSharp", "DocumentationExamples.fs"))
    [ for m in Regex.Matches(source, @"// example:\r?\n(.*?)\r?\n\s*// end", RegexOptions.Singleline) ->
        m.Groups.[1].Value ]

let private normalize (code: string) =
    code.Replace("\r\n", "\n").Split('\n')
    |> Array.map (fun line -> line.Trim())
    |> Array.filter (fun line -> line <> "")
    |> String.concat "\n"

[<Fact>]
let ``every fsharp block of docs/fsharp.md is an example compiled here`` () =
    let document = Path.Combine(repositoryRoot (), "docs", "fsharp.md")
    let blocks =
        [ for m in Regex.Matches(File.ReadAllText document, @"```fsharp\r?\n(.*?)```", RegexOptions.Singleline) ->
            normalize m.Groups.[1].Value ]
    let examples = examplesInThisFile () |> List.map normalize |> Set.ofList
    Assert.NotEmpty(blocks)
    for block in blocks do
        Assert.True(examples.Contains block, sprintf "docs/fsharp.md has a block that no example here matches:\n%s" block)

/// FsCheck properties written in F#: forward and reverse mode agree on polynomials with random coefficients.
module FunctionalAD.FSharp.Tests.Properties

open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open FunctionalAD

let x, y = Expr.Input "x", Expr.Input "y"

let small = Gen.choose (-1000, 1000) |> Gen.map (fun i -> float i / 100.0)

[<Property(MaxTest = 200)>]
let ``forward and reverse agree on a random polynomial`` () =
    let case = Gen.zip (Gen.arrayOfLength 4 small) (Gen.zip small small)
    Prop.forAll (Arb.fromGen case) (fun (c, (xv, yv)) ->
        let p = c.[0] * x * x + c.[1] * x * y + c.[2] * sin y + c.[3]
        let at = Bindings.From(Map.ofList [ "x", xv; "y", yv ])
        let forward, reverse = Forward.Grad(p, at), Reverse.Grad(p, at)
        let close a b = abs (a - b) <= 1e-12 * (1.0 + abs a)
        close (forward.Scalar "x") (reverse.Scalar "x") && close (forward.Scalar "y") (reverse.Scalar "y")
        // and both equal the derivative written by hand
        && close (reverse.Scalar "x") (2.0 * c.[0] * xv + c.[1] * yv)
        && close (reverse.Scalar "y") (c.[1] * xv + c.[2] * cos yv))

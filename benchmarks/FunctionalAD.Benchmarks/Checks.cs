namespace FunctionalAD.Benchmarks;

/// <summary>The workloads' correctness checks (see docs/performance.md), run by <c>--check</c> before anything is timed.</summary>
public static class Checks
{
    private static double[] w5Direction(W5SecondOrder w5) => new LogisticLoss(w5.Rows, w5.Features).Direction;

    public static int Run()
    {
        var failures = 0;
        void Expect(string what, double actual, double expected, double relative)
        {
            var ok = Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected));
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
            if (!ok) failures++;
        }

        var w1 = new W1ScalarReverse { N = 1_000 };
        w1.Setup();
        var analytic = w1.HandWritten();
        var graph = w1.GraphReverse();
        var numbers = (System.Collections.Immutable.ImmutableArray<double>)w1.ReverseNumbers();
        var naive = w1.Naive();
        var w1c = new W1Compiled { N = 1_000 };
        w1c.Setup();
        var compiled = w1c.GradientInNaturalOrder();
        for (var i = 0; i < analytic.Length; i += 97)
        {
            Expect($"W1 graph ∂f/∂x{i}", graph[$"x{i}"], analytic[i], 1e-9);
            Expect($"W1 reverse numbers ∂f/∂x{i}", numbers[i], analytic[i], 1e-9);
            Expect($"W1 naive tape ∂f/∂x{i}", naive[i], analytic[i], 1e-9);
            Expect($"W1 compiled graph ∂f/∂x{i}", compiled[i], analytic[i], 1e-9);
        }

        var w2 = new W2ScalarForward { N = 1_000 };
        w2.Setup();
        Expect("W2 dual JVP", w2.Duals(), w2.HandWritten(), 1e-9);
        Expect("W2 dual JVP, the caller's seed buffer", w2.DualsIntoBuffer(), w2.HandWritten(), 1e-9);
        Expect("W2 compiled JVP of the graph", w2.CompiledGraph(), w2.HandWritten(), 1e-9);
        Expect("W2 hand-written value and derivative", w2.HandWrittenWithValue().Tangent, w2.HandWritten(), 1e-9);
        Expect("W2 hand-written value", Rosenbrock.ValueAndDirectional(Rosenbrock.Point(1_000), [.. Enumerable.Repeat(1.0, 1_000)]).Value,
            Rosenbrock.Value(Rosenbrock.Point(1_000)), 1e-12);

        var w3 = new W3Mlp();
        w3.Setup();
        var hand = w3.HandWritten();
        foreach (var (backend, graph3) in new[]
        {
            ("managed", w3.GraphReverse()), ("native BLAS", w3.GraphReverseNative()),
            ("compiled, managed", w3.GraphCompiled()), ("compiled, native BLAS", w3.GraphCompiledNative()),
            ("compiled, data as constants", w3.GraphCompiledOnParameters()),
            ("compiled over the parameters", w3.GraphCompiledOverParameters()),
        })
        {
            Expect($"W3 loss ({backend})", graph3.Value, hand.Loss, 1e-9);
            void ExpectAll(string name, double[] actual, double[] expected)
            {
                var scale = expected.Max(Math.Abs);
                var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
                Expect($"W3 ∂loss/∂{name} ({backend}): largest difference relative to the largest entry", worst / scale, 0, 1e-9);
            }
            ExpectAll("W1", graph3.Gradient["W1"].ToArray(), hand.W1.ToRowMajorArray());
            ExpectAll("b1", graph3.Gradient["b1"].ToArray(), hand.B1.ToArray());
            ExpectAll("W2", graph3.Gradient["W2"].ToArray(), hand.W2.ToRowMajorArray());
            ExpectAll("b2", graph3.Gradient["b2"].ToArray(), hand.B2.ToArray());
        }

        var same = w3.StepOn(ManagedProducts.Instance);
        Expect("W3 loss (hand-written, managed kernels)", same.Loss, hand.Loss, 1e-9);
        Expect("W3 ∂loss/∂W1[0, 0] (hand-written, managed kernels)", same.W1[0], hand.W1[0, 0], 1e-9);
        Expect("W3 ∂loss/∂b1[3] (hand-written, managed kernels)", same.B1[3], hand.B1[3], 1e-9);

        var w6 = new W6Cnn();
        w6.Setup();
        var handCnn = w6.Step();
        foreach (var (how, graph6) in new[] { ("interpreted", w6.GraphReverse()), ("compiled", w6.GraphCompiled()), ("compiled, data as constants", w6.GraphCompiledOnParameters()) })
        {
            Expect($"W6 loss ({how})", graph6.Value, handCnn.Loss, 1e-9);
            foreach (var (name, expected) in new[] { ("K1", handCnn.K1), ("b1", handCnn.B1), ("K2", handCnn.K2), ("b2", handCnn.B2), ("W3", handCnn.W3), ("b3", handCnn.B3) })
            {
                var actual = graph6.Gradient[name].ToArray();
                var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
                Expect($"W6 ∂loss/∂{name} ({how}): largest difference relative to the largest entry", worst / expected.Max(Math.Abs), 0, 1e-9);
            }
        }

        var w4 = new W4Chain { N = 1_000_000 };
        Expect("W4 hand-written d out/d x0", w4.HandWritten(), 1.0997334878849, 1e-12);
        Expect("W4 graph d out/d x0", w4.GraphReverse(), 1.0997334878849, 1e-12);
        Expect("W4 fold node d out/d x0", w4.FoldReverse(), 1.0997334878849, 1e-12);
        Expect("W4 array builder d out/d x0", w4.FlatReverse(), 1.0997334878849, 1e-12);
        Expect("W4 reverse numbers d out/d x0", w4.ReverseNumbers(), 1.0997334878849, 1e-12);
        var w5 = new W5SecondOrder { Rows = 1_000, Features = 100 };
        w5.Setup();
        var gradient = (System.Collections.Immutable.ImmutableArray<double>)w5.Gradient();
        var handGradient = w5.HandWrittenGradient();
        var hvp = (System.Collections.Immutable.ImmutableArray<double>)w5.Hvp();
        var handHvp = w5.HandWrittenHvp();
        var hessian = (MathNet.Numerics.LinearAlgebra.Matrix<double>)w5.Hessian();
        var hessianTimesV = hessian * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(w5Direction(w5));
        var (tensorGradient, tensorGradientNative) = (w5.TensorGradient()["w"], w5.TensorGradientNative()["w"]);
        var (tensorHvp, tensorHessian) = (w5.TensorHvp()["w"], (MathNet.Numerics.LinearAlgebra.Matrix<double>)w5.TensorHessian());
        var tensorHessianTimesV = tensorHessian * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(w5Direction(w5));
        for (var i = 0; i < handGradient.Length; i += 11)
        {
            Expect($"W5 ∂L/∂w{i} on the tensor graph (managed)", tensorGradient[i], handGradient[i], 1e-9);
            Expect($"W5 ∂L/∂w{i} on the tensor graph (native BLAS)", tensorGradientNative[i], handGradient[i], 1e-9);
            Expect($"W5 ∂L/∂w{i}", gradient[i], handGradient[i], 1e-9);
            Expect($"W5 (Hv){i}", hvp[i], handHvp[i], 1e-9);
            Expect($"W5 (H·v){i} from the full Hessian", hessianTimesV[i], handHvp[i], 1e-9);
            Expect($"W5 ∂L/∂w{i} on the traced graph", w5.GraphGradient()[$"w{i:D3}"], handGradient[i], 1e-9);
            Expect($"W5 ∂L/∂w{i} from the gradient graph", w5.GradientGraphGradient().Gradient[$"w{i:D3}"], handGradient[i], 1e-9);
            Expect($"W5 (Hv){i} over the gradient graph", w5.GradientGraphHvp()[$"w{i:D3}"], handHvp[i], 1e-9);
            Expect($"W5 (Hv){i} over the tensor graph's gradient graph", tensorHvp[i], handHvp[i], 1e-9);
            Expect($"W5 (H·v){i} from the tensor graph's Hessian", tensorHessianTimesV[i], handHvp[i], 1e-9);
        }
        return failures;
    }
}

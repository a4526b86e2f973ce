using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Batched tangents (<see cref="BatchedTangents"/>): over random tensor graphs, a sweep that carries k directions at
/// once gives, slab by slab, every node's value and the one-direction sweep's tangent along each direction (products
/// may sum in another order), and the output's slabs match central differences along their directions; the Hessian
/// read from batches, in one chunk or many, equals the Hessian column by column.
/// </summary>
public class BatchedTangentProperties
{
    /// <summary>A tolerance for agreement up to the order of sums: the mode tolerance on the case's sensitivity scale.</summary>
    private static double Tolerance(TensorGraphCase c) => GradientChecks.ModeTolerance * Math.Max(1, c.Sensitivity);

    /// <summary>
    /// k directions for the case's inputs: per input and direction, a zero slab (one time in four), a basis tensor (one
    /// in four; a batch of those only is marked as basis tensors, as the Hessian seeds it) or a tensor in [−1, 1).
    /// An input whose slabs are all zero gets no batch.
    /// </summary>
    private static TangentBatch?[] Directions(Topology layout, Tensor[] inputs, int k, Random random)
    {
        var seeds = new TangentBatch?[inputs.Length];
        for (var slot = 0; slot < inputs.Length; slot++)
        {
            var shape = inputs[slot].Shape;
            var (storage, units) = (new double[shape.Count * k], new int[k]);
            var (moves, basis) = (false, true);
            for (var j = 0; j < k; j++)
            {
                units[j] = -1;
                switch (random.Next(4))
                {
                    case 0:
                        break;
                    case 1:
                        units[j] = random.Next(shape.Count);
                        storage[j * shape.Count + units[j]] = 1;
                        moves = true;
                        break;
                    default:
                        for (var e = 0; e < shape.Count; e++) storage[j * shape.Count + e] = 2 * random.NextDouble() - 1;
                        (moves, basis) = (true, false);
                        break;
                }
            }
            if (moves) seeds[slot] = new TangentBatch(shape, k, storage, basis ? units : null);
        }
        return seeds;
    }

    /// <summary>Slab <paramref name="j"/> of each seed as the one-direction sweep's seed (null where the slab is zero).</summary>
    private static Tensor?[] Slab(TangentBatch?[] seeds, int j) =>
        [.. seeds.Select(s => s is { } batch && !batch.IsZero(j) ? batch.SlabTensor(j) : (Tensor?)null)];

    [Fact]
    public void EachSlabOfABatchedSweepIsTheOneDirectionSweep() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var random = new Random(seed);
            var layout = Topology.Of(c.Graph);
            var inputs = TensorSweeps.Bind(layout, c.Point);
            var k = random.Next(1, 5);
            var seeds = Directions(layout, inputs, k, random);
            var keep = Enumerable.Repeat(true, layout.Count).ToArray();
            var values = TensorSweeps.Values(layout, inputs);
            // Values from the joint sweep, or given from a value sweep.
            var given = random.Next(2) == 0;
            var (swept, batches) = BatchedTangents.Sweep(layout, inputs, seeds, keep, given ? values : null);
            var tolerance = Tolerance(c);
            for (var i = 0; i < layout.Count; i++)
                TensorGradientGraphProperties.CloseTensors(swept[i], values[i], tolerance, $"value of node {i} ({layout.Nodes[i]}) of {c}");
            for (var j = 0; j < k; j++)
            {
                var one = TensorSweeps.AllTangents(layout, values, Slab(seeds, j));
                for (var i = 0; i < layout.Count; i++)
                {
                    var shape = layout.Nodes[i].Shape;
                    var expected = one[i] ?? Tensor.Zeros(shape);
                    var actual = batches[i] is { } batch ? batch.SlabTensor(j) : Tensor.Zeros(shape);
                    TensorGradientGraphProperties.CloseTensors(actual, expected, tolerance, $"slab {j} of {k} at node {i} ({layout.Nodes[i]}), values given: {given}, of {c}");
                }
            }
        }));

    [Fact]
    public void TheOutputsSlabsMatchCentralDifferencesAlongTheirDirections() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var random = new Random(seed);
            var layout = Topology.Of(c.Graph);
            var inputs = TensorSweeps.Bind(layout, c.Point);
            var k = random.Next(1, 4);
            var seeds = Directions(layout, inputs, k, random);
            var keep = new bool[layout.Count];
            keep[^1] = true;
            var (_, batches) = BatchedTangents.Sweep(layout, inputs, seeds, keep);
            var value = TensorGraphGen.MaxAbs(Graph.Evaluate(c.Graph, c.Point));
            var tolerance = GradientChecks.FiniteDifferenceTolerance * (1 + c.Sensitivity + value);
            var h = GradientChecks.Step * Math.Max(1, inputs.Select(TensorGraphGen.MaxAbs).DefaultIfEmpty(0).Max());
            for (var j = 0; j < k; j++)
            {
                double[] Central(double step)
                {
                    Bindings Moved(double by) => Bindings.From(layout.InputNames.Select((name, slot) => KeyValuePair.Create(name,
                        seeds[slot] is { } s ? Tensor.Of([.. inputs[slot].ToArray().Zip(s.SlabTensor(j).ToArray(), (x, d) => x + by * d)], inputs[slot].Shape) : inputs[slot])));
                    var (up, down) = (Graph.Evaluate(c.Graph, Moved(step)).ToArray(), Graph.Evaluate(c.Graph, Moved(-step)).ToArray());
                    return [.. up.Select((u, o) => (u - down[o]) / (2 * step))];
                }
                var (d1, d2) = (Central(h), Central(2 * h));
                var estimate = d1.Select((d, o) => (4 * d - d2[o]) / 3).ToArray();
                var actual = batches[^1] is { } batch ? batch.SlabTensor(j).ToArray() : new double[c.Graph.Shape.Count];
                for (var o = 0; o < actual.Length; o++)
                    GradientChecks.Close(actual[o], estimate[o], tolerance, $"slab {j} of {k}, output element {o}, of {c}");
            }
        }), Cases.Count(300));

    /// <summary>Rounding scale of second-order results (as for the tensor Hessian's other properties).</summary>
    private static double Scale(TensorGraphCase c) => Math.Max(1, 1.5 * c.Graph.Shape.Count * c.Sensitivity * Math.Max(1, c.Sensitivity));

    [Fact]
    public void TheBatchedHessianInOneChunkOrManyIsTheHessianColumnByColumn() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(1, 400)), (c, budget) =>
        {
            var gradient = Reverse.GradGraph(TensorGradientGraphProperties.Loss(c.Graph));
            var expected = gradient.HessianByColumns(c.Point, gradient.Inputs);
            var whole = gradient.Hessian(c.Point);
            var chunked = gradient.HessianBatched(c.Point, gradient.Inputs, budget);
            for (var i = 0; i < expected.RowCount; i++)
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                var tolerance = GradientChecks.ModeTolerance * Scale(c) * Math.Max(1, expected.Row(i).L1Norm());
                GradientChecks.Close(whole[i, j], expected[i, j], tolerance, $"H[{i},{j}] in one chunk of {c}");
                GradientChecks.Close(chunked[i, j], expected[i, j], tolerance,
                    $"H[{i},{j}] in chunks of {gradient.DirectionsPerChunk(gradient.Inputs, budget)} of {c}");
            }
        }), Cases.Count(300));

    [Fact]
    public void AHessianVectorProductByTheJointSweepIsTheOneBySweeps() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var random = new Random(seed);
            var gradient = Reverse.GradGraph(TensorGradientGraphProperties.Loss(c.Graph));
            // Some inputs are left out of the direction: their tangent is zero.
            var direction = Bindings.From(gradient.Inputs.Where(_ => random.Next(4) > 0)
                .Select(n => KeyValuePair.Create(n, TensorChecks.Uniform(c.Point[n].Shape, random))));
            var (actual, expected) = (gradient.HessianVectorProduct(c.Point, direction), gradient.HessianVectorProductBySweeps(c.Point, direction));
            // Both sum the terms of (Hv)ᵢ, bounded by Σⱼ |Hᵢⱼ| (|vⱼ| < 1), in orders that may differ.
            var h = gradient.HessianByColumns(c.Point, gradient.Inputs);
            var row = 0;
            foreach (var name in gradient.Inputs)
            {
                var (a, e) = (actual[name].ToArray(), expected[name].ToArray());
                GradientChecks.Require(actual[name].Shape == expected[name].Shape, () => $"(Hv)[{name}] has shape {actual[name].Shape} of {c}");
                for (var k = 0; k < a.Length; k++, row++)
                    GradientChecks.Close(a[k], e[k], GradientChecks.ModeTolerance * Scale(c) * Math.Max(1, h.Row(row).L1Norm()), $"(Hv)[{name}][{k}] of {c}");
            }
        }));
}

using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// Second order of a tensor graph with batched tangents (BatchedTangents): a Hessian-vector product is one joint sweep
// of values and tangents over the partials; the Hessian seeds the identity a chunk of directions at a time and reads
// its columns from the partials' batches, so n columns through a product are a few matrix products, not n.
public sealed partial class GradientGraph
{
    /// <summary>
    /// The tangents a Hessian chunk may hold at once, over every node that moves: 2¹⁹ numbers (4 MB). A chunk carries
    /// as many directions as fit, at least one.
    /// </summary>
    internal const int ChunkBudget = 1 << 19;

    private PartialsLayout? partialsLayout;

    /// <summary>The partials alone laid out, and each one's position: second order needs no node only the value uses.</summary>
    private sealed record PartialsLayout(Topology Layout, int[] Outputs);

    // Computed once; a race computes the same layout twice, and the reference is written whole.
    private PartialsLayout PartialsOnly
    {
        get
        {
            if (partialsLayout is { } known) return known;
            var (layout, outputs) = Topology.OfOutputs(Partials);
            return partialsLayout = new PartialsLayout(layout, outputs);
        }
    }

    /// <summary>H·v by one joint sweep of values and tangents over the partials (a batch of one direction).</summary>
    private Gradient HessianVectorProductBatched(Bindings at, Bindings direction)
    {
        var full = tensorLayout.Value.Layout;
        TensorSweeps.Bind(full, at); // every input bound with its shape, as for evaluation
        // An input that simplifying removed from every output moves nothing: its tangent is left out.
        var tangentOf = TensorSweeps.Directions(full, Bindings.From(direction.Where(d => full.InputNames.BinarySearch(d.Key, StringComparer.Ordinal) >= 0)));
        var (layout, outputs) = PartialsOnly;
        var inputs = TensorSweeps.Bind(layout, at);
        var seeds = new TangentBatch?[inputs.Length];
        for (var slot = 0; slot < seeds.Length; slot++)
        {
            if (tangentOf[full.InputNames.BinarySearch(layout.InputNames[slot], StringComparer.Ordinal)] is { } tangent)
                seeds[slot] = TangentBatch.Of(tangent);
        }
        var (values, tangents) = BatchedTangents.Sweep(layout, inputs, seeds, Kept(layout, outputs));
        var product = new Gradient(Inputs, [.. outputs.Select(o => tangents[o] is { } t ? new Tensor(t.Shape, t.Slab(0).ToArray()) : Tensor.Zeros(values[o].Shape))]);
        BatchedTangents.Return(layout, tangents, outputs);
        return product;
    }

    /// <summary>
    /// The Hessian over the named inputs: the identity seeded <paramref name="budget"/> numbers of
    /// tangents at a time (see <see cref="ChunkBudget"/>), one sweep per chunk, the values swept once.
    /// </summary>
    internal Matrix<double> HessianBatched(Bindings at, IEnumerable<string> withRespectTo, int budget) => HessianBatched(at, Slots(withRespectTo), budget);

    /// <summary>How many directions a chunk of the Hessian over the named inputs carries within <paramref name="budget"/> numbers.</summary>
    internal int DirectionsPerChunk(IEnumerable<string> withRespectTo, int budget = ChunkBudget)
    {
        var slots = Slots(withRespectTo);
        var layout = PartialsOnly.Layout;
        return DirectionsPerChunk(layout, [.. slots.Select(s => layout.InputNames.BinarySearch(Inputs[s], StringComparer.Ordinal))],
            slots.Sum(s => Partials[s].Shape.Count), budget);
    }

    private static int DirectionsPerChunk(Topology layout, int[] places, int total, int budget) =>
        Math.Clamp(budget / Math.Max(1, MovingSize(layout, places)), 1, Math.Max(1, total));

    private Matrix<double> HessianBatched(Bindings at, int[] slots, int budget = ChunkBudget)
    {
        TensorSweeps.Bind(tensorLayout.Value.Layout, at); // every input bound with its shape, as for evaluation
        var (layout, outputs) = PartialsOnly;
        var inputs = TensorSweeps.Bind(layout, at);
        // Each input's place among the partials' inputs; one no partial depends on (−1) has zero rows and columns.
        var places = slots.Select(s => layout.InputNames.BinarySearch(Inputs[s], StringComparer.Ordinal)).ToArray();
        var shapes = slots.Select(s => Partials[s].Shape).ToArray(); // a partial has its input's shape
        var offsets = new int[slots.Length + 1];
        for (var s = 0; s < slots.Length; s++) offsets[s + 1] = offsets[s] + shapes[s].Count;
        var total = offsets[^1];
        var hessian = new double[total * total]; // column-major, as MathNet keeps a dense matrix
        var chunk = DirectionsPerChunk(layout, places, total, budget);
        var keep = Kept(layout, outputs);
        Tensor[]? values = null;
        for (var start = 0; start < total; start += chunk)
        {
            var count = Math.Min(chunk, total - start);
            if (Seeds(layout, places, shapes, offsets, start, count) is not { } seeds) continue;
            (values, var tangents) = BatchedTangents.Sweep(layout, inputs, seeds, keep, values);
            for (var r = 0; r < slots.Length; r++)
            {
                if (tangents[outputs[slots[r]]] is not { } batch) continue;
                for (var j = 0; j < count; j++)
                    StorageOrder.ToRowMajor(batch.Shape, batch.Slab(j), hessian.AsSpan((start + j) * total + offsets[r], batch.Size));
            }
            BatchedTangents.Return(layout, tangents, outputs);
            foreach (var seed in seeds) TangentBatch.Return(seed);
        }
        return Matrix<double>.Build.Dense(total, total, hessian);
    }

    /// <summary>Which nodes are outputs, whose batches the sweep keeps.</summary>
    private static bool[] Kept(Topology layout, int[] outputs)
    {
        var keep = new bool[layout.Count];
        foreach (var output in outputs) keep[output] = true;
        return keep;
    }

    /// <summary>The numbers one direction's tangents take over every node that depends on a seeded input.</summary>
    private static int MovingSize(Topology layout, int[] places)
    {
        var wanted = new bool[layout.InputNames.Length];
        foreach (var place in places)
            if (place >= 0) wanted[place] = true;
        var needs = TensorSweeps.Needs(layout, wanted);
        var size = 0;
        for (var i = 0; i < needs.Length; i++)
            if (needs[i]) size += layout.Nodes[i].Shape.Count;
        return size;
    }

    /// <summary>
    /// The seeds of Hessian columns <paramref name="start"/> … + <paramref name="count"/> − 1: for each input, a batch of
    /// basis tensors where a column is one of its elements (row-major), zeros elsewhere; null when no column of the chunk
    /// seeds an input among the partials' inputs.
    /// </summary>
    private static TangentBatch?[]? Seeds(Topology layout, int[] places, Shape[] shapes, int[] offsets, int start, int count)
    {
        var seeds = new TangentBatch?[layout.InputNames.Length];
        var any = false;
        for (var s = 0; s < places.Length; s++)
        {
            int from = Math.Max(start, offsets[s]), to = Math.Min(start + count, offsets[s + 1]);
            if (places[s] < 0 || from >= to) continue;
            var units = new int[count];
            Array.Fill(units, -1);
            var seed = TangentBatch.Rent(shapes[s], count, clear: true, units);
            for (var column = from; column < to; column++)
            {
                var (j, index) = (column - start, StorageOrder.StorageIndex(shapes[s], column - offsets[s]));
                seed.Storage[j * seed.Size + index] = 1;
                units[j] = index;
            }
            seeds[places[s]] = seed;
            any = true;
        }
        return any ? seeds : null;
    }
}

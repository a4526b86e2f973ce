namespace FunctionalAD;

/// <summary>
/// The convolution family's values, one matrix product per group on the backend (<see cref="LinearAlgebra"/>). Storage
/// is first-axis-fastest: image element (n, c, h, w) of N×C×H×W sits at n + N·(c + C·(h + H·w)), and kernel
/// element (o, c, i, j) of O×Cg×kh×kw at o + O·(c + Cg·(i + kh·j)) — so the kernels of a group are an O×(Cg·kh·kw)
/// column-major matrix as they are stored. The images are unrolled into a column matrix of (Cg·kh·kw) × (N·Ho·Wo)
/// (im2col), whose column p = n + N·s holds the window of output position s = ho + Ho·wo of image n.
/// </summary>
internal static class ConvolutionKernels
{
    // Each thread keeps its scratch arrays (the unrolled images, a group's kernels, a group's outputs) from call to call,
    // one of each exact length: a network calls the same shapes at every step, and every backend is handed arrays of
    // exactly the sizes it multiplies. Results and kept residuals are never these.
    [ThreadStatic] private static Dictionary<(int Slot, int Length), double[]>? scratch;

    private const int ColumnsSlot = 0, KernelsSlot = 1, OutputsSlot = 2;

    /// <summary>This thread's scratch array <paramref name="slot"/> of <paramref name="length"/>, its contents undefined.</summary>
    private static double[] Scratch(int slot, int length)
    {
        scratch ??= [];
        if (!scratch.TryGetValue((slot, length), out var array)) scratch[(slot, length)] = array = new double[length];
        return array;
    }

    /// <summary>
    /// y = conv(x, k), of <paramref name="shape"/>. With <paramref name="keep"/>, each group's unrolled images are kept in
    /// <paramref name="unrolled"/>, for the transpose in the kernels to reuse (the residuals of a reverse sweep).
    /// </summary>
    public static Tensor Convolve(Tensor x, Tensor k, Shape shape, ConvolutionGeometry g, bool keep, out double[][]? unrolled)
    {
        var plan = new Plan(x.Shape, k.Shape, shape, g);
        var y = new double[shape.Count];
        unrolled = keep ? new double[g.Groups][] : null;
        var columns = keep ? [] : Scratch(ColumnsSlot, plan.Window * plan.Positions);
        var kernels = Scratch(KernelsSlot, plan.OutputsPerGroup * plan.Window);
        var product = Scratch(OutputsSlot, plan.OutputsPerGroup * plan.Positions);
        for (var group = 0; group < g.Groups; group++)
        {
            if (unrolled is not null) columns = unrolled[group] = new double[plan.Window * plan.Positions];
            plan.Unroll(x.Storage, group, columns);
            plan.GroupKernels(k.Storage, group, kernels);
            Array.Clear(product, 0, plan.OutputsPerGroup * plan.Positions); // the products add into a zeroed buffer
            LinearAlgebra.Products.Gemm(false, false, plan.OutputsPerGroup, plan.Positions, plan.Window, kernels, plan.OutputsPerGroup, columns, plan.Window, 0, product);
            plan.ScatterOutputs(product, group, y);
        }
        return new(shape, y);
    }

    /// <summary>x̄ = convᵀₓ(ȳ, k), images of <paramref name="shape"/>.</summary>
    public static Tensor ImagesTranspose(Tensor cotangent, Tensor k, Shape shape, ConvolutionGeometry g)
    {
        var plan = new Plan(shape, k.Shape, cotangent.Shape, g);
        var x = new double[shape.Count];
        var columns = Scratch(ColumnsSlot, plan.Window * plan.Positions);
        var kernels = Scratch(KernelsSlot, plan.OutputsPerGroup * plan.Window);
        var outputs = Scratch(OutputsSlot, plan.OutputsPerGroup * plan.Positions);
        for (var group = 0; group < g.Groups; group++)
        {
            plan.GroupKernels(k.Storage, group, kernels);
            plan.GatherOutputs(cotangent.Storage, group, outputs);
            Array.Clear(columns, 0, plan.Window * plan.Positions);
            LinearAlgebra.Products.Gemm(true, false, plan.Window, plan.Positions, plan.OutputsPerGroup, kernels, plan.OutputsPerGroup, outputs, plan.OutputsPerGroup, 0, columns);
            plan.Fold(columns, group, x);
        }
        return new(shape, x);
    }

    /// <summary>k̄ = convᵀₖ(x, ȳ), kernels of <paramref name="shape"/>; <paramref name="unrolled"/>, when given, are x's columns as <see cref="Convolve"/> kept them.</summary>
    public static Tensor KernelsTranspose(Tensor x, Tensor cotangent, Shape shape, ConvolutionGeometry g, double[][]? unrolled = null)
    {
        var plan = new Plan(x.Shape, shape, cotangent.Shape, g);
        var k = new double[shape.Count];
        var columns = unrolled is null ? Scratch(ColumnsSlot, plan.Window * plan.Positions) : [];
        var kernels = Scratch(KernelsSlot, plan.OutputsPerGroup * plan.Window);
        var outputs = Scratch(OutputsSlot, plan.OutputsPerGroup * plan.Positions);
        for (var group = 0; group < g.Groups; group++)
        {
            if (unrolled is not null) columns = unrolled[group];
            else plan.Unroll(x.Storage, group, columns);
            plan.GatherOutputs(cotangent.Storage, group, outputs);
            Array.Clear(kernels, 0, plan.OutputsPerGroup * plan.Window);
            LinearAlgebra.Products.Gemm(false, true, plan.OutputsPerGroup, plan.Window, plan.Positions, outputs, plan.OutputsPerGroup, columns, plan.Window, 0, kernels);
            plan.ScatterKernels(kernels, group, k);
        }
        return new(shape, k);
    }

    /// <summary>The sizes of one convolution and the index arithmetic between its tensors and the per-group matrices.</summary>
    private readonly struct Plan(Shape images, Shape kernels, Shape outputs, ConvolutionGeometry g)
    {
        private readonly int batch = images[0], channels = images[1], height = images[2], width = images[3];
        private readonly int outputChannels = kernels[0], perGroup = kernels[1], kernelHeight = kernels[2], kernelWidth = kernels[3];
        private readonly int outHeight = outputs[2], outWidth = outputs[3];

        /// <summary>Rows of the column matrix: Cg·kh·kw.</summary>
        public int Window => perGroup * kernelHeight * kernelWidth;

        /// <summary>Columns of the column matrix: N·Ho·Wo.</summary>
        public int Positions => batch * outHeight * outWidth;

        public int OutputsPerGroup => outputChannels / g.Groups;

        /// <summary>The group's images unrolled into <paramref name="columns"/> (Window × Positions), zeros where the window leaves the image.</summary>
        public void Unroll(double[] x, int group, double[] columns) => Walk(group, columns, x, unroll: true);

        /// <summary>The transpose of <see cref="Unroll"/>: each column entry added back into the image element it came from.</summary>
        public void Fold(double[] columns, int group, double[] x) => Walk(group, columns, x, unroll: false);

        private void Walk(int group, double[] columns, double[] x, bool unroll)
        {
            var window = Window;
            for (var wo = 0; wo < outWidth; wo++)
            for (var ho = 0; ho < outHeight; ho++)
            for (var j = 0; j < kernelWidth; j++)
            {
                var w = wo * g.Width.Stride - g.Width.Padding + j * g.Width.Dilation;
                for (var i = 0; i < kernelHeight; i++)
                {
                    var h = ho * g.Height.Stride - g.Height.Padding + i * g.Height.Dilation;
                    var inside = (uint)h < (uint)height && (uint)w < (uint)width;
                    var rowBase = perGroup * (i + kernelHeight * j);
                    if (!inside && !unroll) continue; // a padding position adds nothing back
                    for (var c = 0; c < perGroup; c++)
                    {
                        var imageBase = batch * (group * perGroup + c + channels * (h + height * w));
                        var columnBase = rowBase + c + window * batch * (ho + outHeight * wo);
                        // One loop per case, so the innermost loop decides nothing per element.
                        if (!inside) for (var n = 0; n < batch; n++) columns[columnBase + window * n] = 0;
                        else if (unroll) for (var n = 0; n < batch; n++) columns[columnBase + window * n] = x[imageBase + n];
                        else for (var n = 0; n < batch; n++) x[imageBase + n] += columns[columnBase + window * n];
                    }
                }
            }
        }

        /// <summary>The group's kernels as an OutputsPerGroup × Window column-major matrix.</summary>
        public void GroupKernels(double[] k, int group, double[] kernels)
        {
            var rows = OutputsPerGroup;
            for (var q = 0; q < Window; q++)
                Array.Copy(k, group * rows + outputChannels * q, kernels, rows * q, rows);
        }

        /// <summary>The transpose of <see cref="GroupKernels"/>: the group's rows written back into the kernels.</summary>
        public void ScatterKernels(double[] kernels, int group, double[] k)
        {
            var rows = OutputsPerGroup;
            for (var q = 0; q < Window; q++)
                Array.Copy(kernels, rows * q, k, group * rows + outputChannels * q, rows);
        }

        /// <summary>The group's output channels of <paramref name="y"/> as an OutputsPerGroup × Positions column-major matrix.</summary>
        public void GatherOutputs(double[] y, int group, double[] outputs) => MoveOutputs(outputs, group, y, gather: true);

        /// <summary>The product of a group written into its output channels of <paramref name="y"/>.</summary>
        public void ScatterOutputs(double[] outputs, int group, double[] y) => MoveOutputs(outputs, group, y, gather: false);

        // Element (o, p) of the group's matrix, p = n + N·s, is element (n, group·Og + o, s) of N×O×(Ho·Wo).
        private void MoveOutputs(double[] outputs, int group, double[] y, bool gather)
        {
            int rows = OutputsPerGroup, spatial = outHeight * outWidth;
            for (var s = 0; s < spatial; s++)
            for (var o = 0; o < rows; o++)
            {
                var yBase = batch * (group * rows + o + outputChannels * s);
                for (var n = 0; n < batch; n++)
                {
                    var entry = o + rows * (n + batch * s);
                    if (gather) outputs[entry] = y[yBase + n];
                    else y[yBase + n] = outputs[entry];
                }
            }
        }
    }
}

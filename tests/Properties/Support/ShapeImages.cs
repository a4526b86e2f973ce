namespace FunctionalAD.Properties.Support;

/// <summary>
/// A synthetic image task: size × size grey images of a horizontal bar (class 0), a vertical bar (class 1) or the
/// outline of a square (class 2), each at a random place and with uniform noise, as rows of pixels (row-major).
/// </summary>
public static class ShapeImages
{
    /// <summary>The images as an n × size² matrix of pixel rows, and their classes.</summary>
    public static (Tensor Pixels, int[] Labels) Make(int count, int size, int seed)
    {
        var random = new Random(seed);
        var pixels = new double[count, size * size];
        var labels = new int[count];
        for (var n = 0; n < count; n++)
        {
            var label = labels[n] = random.Next(3);
            for (var p = 0; p < size * size; p++) pixels[n, p] = 0.2 * (random.NextDouble() - 0.5);
            var length = random.Next(4, size / 2 + 2);
            int row = random.Next(size - length + 1), column = random.Next(size - length + 1);
            for (var t = 0; t < length; t++)
            {
                switch (label)
                {
                    case 0: pixels[n, row * size + column + t] += 1; break;
                    case 1: pixels[n, (row + t) * size + column] += 1; break;
                    default:
                        var side = Math.Min(length, 5) - 1;
                        if (t > side) break;
                        pixels[n, row * size + column + t] += 1;
                        pixels[n, (row + side) * size + column + t] += 1;
                        if (t > 0 && t < side)
                        {
                            pixels[n, (row + t) * size + column] += 1;
                            pixels[n, (row + t) * size + column + side] += 1;
                        }
                        break;
                }
            }
        }
        return (Tensor.Matrix(pixels), labels);
    }
}

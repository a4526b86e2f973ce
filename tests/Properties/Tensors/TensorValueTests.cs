using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Tensors;

/// <summary>Shapes and tensors as values: printing, copying in and out, equality and bad indices.</summary>
public class TensorValueTests
{
    [Fact]
    public void ShapesPrintAsDocumented()
    {
        Assert.Equal("scalar", Shape.Scalar.ToString());
        Assert.Equal("5", Shape.Vector(5).ToString());
        Assert.Equal("3×4", Shape.Matrix(3, 4).ToString());
        Assert.Equal(Shape.Scalar, default);
        Assert.Equal((0, 1, 2), (Shape.Scalar.Rank, Shape.Vector(2).Rank, Shape.Matrix(2, 2).Rank));
        Assert.Equal(12, Shape.Matrix(3, 4).Count);
        Assert.NotEqual(Shape.Vector(3), Shape.Matrix(3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Vector(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Matrix(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Vector(3)[1]);
    }

    [Fact]
    public void FactoriesCopyTheirInput()
    {
        var array = new[] { 1.0, 2.0, 3.0 };
        var grid = new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } };
        var vector = Vector<double>.Build.DenseOfArray([5.0, 6.0]);
        var matrix = Matrix<double>.Build.DenseOfArray(new[,] { { 7.0, 8.0 } });
        var (a, g, v, m) = (Tensor.Vector(array), Tensor.Matrix(grid), Tensor.Of(vector), Tensor.Of(matrix));
        array[0] = grid[0, 0] = vector[0] = matrix[0, 0] = -1;
        Assert.Equal("[1, 2, 3]", a.ToString());
        Assert.Equal("[[1, 2], [3, 4]]", g.ToString());
        Assert.Equal("[5, 6]", v.ToString());
        Assert.Equal("[[7, 8]]", m.ToString());
        var (b, c) = (new[] { 1.0, 2.0 }, new[,] { { 3.0 } });
        var (tb, tc) = (Tensor.Of(b), Tensor.Of(c));
        b[0] = c[0, 0] = -1;
        Assert.Equal(Tensor.Vector(1, 2), tb);
        Assert.Equal(Tensor.Matrix(new[,] { { 3.0 } }), tc);
        Assert.Equal(Tensor.Scalar(4), Tensor.Of(4.0));
    }

    [Fact]
    public void AccessorsHandOutCopies()
    {
        var t = Tensor.Matrix(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } });
        t.ToArray()[0] = 99;
        t.ToArray2D()[0, 0] = 99;
        t.ToMatrix()[0, 0] = 99;
        var v = Tensor.Vector(1, 2);
        v.ToVector()[0] = 99;
        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, t.ToArray());
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal(2.0, t[0, 1]);
        Assert.Equal(1.0, v[0]);
        Assert.Equal(3.0, Tensor.Scalar(3).ToScalar());
    }

    [Fact]
    public void EqualityIsBitwiseAndStructural()
    {
        Assert.Equal(Tensor.Vector(1, 2), Tensor.Vector(1, 2));
        Assert.Equal(Tensor.Vector(1, 2).GetHashCode(), Tensor.Vector(1, 2).GetHashCode());
        Assert.NotEqual(Tensor.Vector(1, 2), Tensor.Matrix(new[,] { { 1.0, 2.0 } }));
        Assert.NotEqual(Tensor.Scalar(0.0), Tensor.Scalar(-0.0));
        Assert.Equal(Tensor.Scalar(double.NaN), Tensor.Scalar(double.NaN));
        Assert.True(Tensor.Vector(1, 2) != Tensor.Vector(2, 1));
    }

    [Fact]
    public void BadIndicesAndKindsSayWhat()
    {
        var m = Tensor.Zeros(Shape.Matrix(2, 3));
        Assert.Contains("2×3", Assert.Throws<ArgumentOutOfRangeException>(() => m[2, 0]).Message);
        Assert.Contains("2×3", Assert.Throws<InvalidOperationException>(() => m[0]).Message);
        Assert.Contains("2×3", Assert.Throws<InvalidOperationException>(() => m.ToScalar()).Message);
        Assert.Throws<InvalidOperationException>(() => m.ToVector());
        Assert.Throws<ArgumentException>(() => Tensor.Vector());
        Assert.Throws<ArgumentException>(() => Tensor.Matrix(new double[0, 3]));
        Assert.Equal("tensor 10×10", Tensor.Zeros(Shape.Matrix(10, 10)).ToString());
    }
}

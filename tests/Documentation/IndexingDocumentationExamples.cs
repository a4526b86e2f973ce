namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// The C# snippets of docs/tensors.md, "Indexing, embeddings and dropout", run, with the results the document shows
/// asserted. If a snippet changes in the document, change it here too (and the other way round).
/// </summary>
public class IndexingDocumentationExamples
{
    [Fact]
    public void TakeAndEmbedding()
    {
        var table = Expr.Input("table", Shape.Matrix(5, 3));
        var ids = Expr.Input("ids", Shape.Matrix(2, 4));
        var looked = Expr.Take(table, ids, axis: 0);
        Assert.Equal(Shape.Of(2, 4, 3), looked.Shape);
        Assert.Equal(Shape.Matrix(5, 2), Expr.Take(table, Expr.Constant(Tensor.Vector(2, 0)), axis: 1).Shape);
        var lookup = Bindings.Of(
            ("table", Tensor.Create(Shape.Matrix(5, 3), (r, c) => 10 * r + c)),
            ("ids", Tensor.Matrix(new[,] { { 4.0, 0, 4, 1 }, { 2, 2, 3, 0 } })));
        Assert.Equal("[[40, 41, 42], [0, 1, 2], [40, 41, 42]]",
            Graph.Evaluate(Expr.Take(table, Expr.Constant(Tensor.Vector(4, 0, 4)), 0), lookup).ToString());
        var counts = Reverse.Grad(Expr.Sum(looked), lookup);
        Assert.Equal("[[2, 2, 2], [1, 1, 1], [2, 2, 2], [1, 1, 1], [2, 2, 2]]", counts["table"].ToString());
        Assert.Equal("[[0, 0, 0, 0], [0, 0, 0, 0]]", counts["ids"].ToString());
        var embedded = Expr.Embedding(Expr.Input("E", Shape.Matrix(1000, 16)), Expr.Input("tokens", Shape.Matrix(32, 20)));
        Assert.Equal(Shape.Of(32, 20, 16), embedded.Shape);
        Assert.Equal(Shape.Matrix(32, 16), Expr.Mean(embedded, axis: 1).Shape);
    }

    [Fact]
    public void DropoutWithAKey()
    {
        var hidden = Expr.Input("h", Shape.Matrix(100, 50));
        var dropped = Expr.Dropout(hidden, 0.5, Expr.Input("key"));
        var ones = Bindings.Of(("h", Tensor.Filled(Shape.Matrix(100, 50), 1.0)), ("key", 7.0));
        var mask = Graph.Evaluate(dropped, ones);
        Assert.Equal(new[] { 0.0, 2 }, mask.ToArray().Distinct().Order().ToArray());
        Assert.Equal(2531, mask.ToArray().Count(m => m == 0));
        Assert.True(mask == Graph.Evaluate(dropped, ones.With("key", 7.0)));
        Assert.False(mask == Graph.Evaluate(dropped, ones.With("key", 8.0)));
    }

    [Fact]
    public void EmbeddingAndDropoutLayers()
    {
        var tokensModel = Model.Sequential(
            Layer.Embedding(vocabulary: 50, width: 8, length: 20),
            Layer.Flatten(Shape.Matrix(20, 8)),
            Layer.Dense(160, 64, Activation.Relu),
            Layer.Dropout(Shape.Vector(64), 0.5),
            Layer.Dense(64, 2));
        Assert.Equal("Embedding(20 ids of 50 → 20×8) → Flatten(20×8 → 160) → Dense(160 → 64, relu) → Dropout(64, rate 0.5) → Dense(64 → 2)",
            tokensModel.ToString());
        Assert.Equal("E1", tokensModel.Parameters[0].Name);
    }
}

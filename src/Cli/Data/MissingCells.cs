namespace FunctionalAD.Cli.Data;

/// <summary>
/// What <c>fad train</c> does with a row that has a missing cell (<see cref="SavedModel.IsMissing"/>): drop the row, or
/// fill the cell with its column's mean (a number column) or most frequent word (a word column). A row whose target
/// is missing is dropped either way: there is nothing to learn from it.
/// </summary>
internal enum MissingCells { Drop, Mean }

using MediaFunctions.Cli.Uploads;

namespace MediaFunctions.Cli.Tests;

/// <summary>Block ids are the contract's: base64 of the block's number zero-padded to 6 digits.</summary>
public sealed class UploadBlockIdTests
{
    [Theory]
    [InlineData(0, "MDAwMDAw")]
    [InlineData(12, "MDAwMDEy")]
    public void BlockId_Index_IsBase64OfSixDigits(int index, string expected) =>
        Assert.Equal(expected, UploadSessionUploader.BlockId(index));
}

using MediaFunctions.Core.InlineStorage;

namespace MediaFunctions.Core.Tests.InlineStorage;

public class InlineStorageKeysTests
{
    [Theory]
    [InlineData("videos", "downloads/2024/", "job/clip.mp4", "videos/downloads/2024/job/clip.mp4")]
    [InlineData("videos", null, "clip.mp4", "videos/clip.mp4")]
    [InlineData("videos/", "", "clip.mp4", "videos/clip.mp4")]
    [InlineData("a//b", "c///", "/d", "a/b/c/d")]
    [InlineData("media", "my folder", "clip (1).mp4", "media/my folder/clip (1).mp4")]
    public void Combine_Parts_JoinedWithSingleSlashes(string? baseFolder, string? prefix, string? file, string expected)
    {
        Assert.Equal(expected, InlineStorageKeys.Combine(baseFolder, prefix, file));
    }
}

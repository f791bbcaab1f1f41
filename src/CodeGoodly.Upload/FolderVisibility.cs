namespace CodeGoodly.Upload;

/// <summary>Who can see a folder (the API's <c>is_public</c>).</summary>
public enum FolderVisibility
{
    /// <summary>Only the owner (<c>0</c>).</summary>
    Private = 0,

    /// <summary>Anyone with the link (<c>1</c>).</summary>
    Unlisted = 1,

    /// <summary>Listed in the site's public search (<c>2</c>).</summary>
    Public = 2,
}

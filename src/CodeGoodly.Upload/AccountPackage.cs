namespace CodeGoodly.Upload;

/// <summary>The limits of an account package, from <c>/account/package</c> (and <c>/package/listing</c>). A limit of <c>0</c> means unlimited.</summary>
public sealed record AccountPackage
{
    /// <summary>The package id.</summary>
    public required long Id { get; init; }

    /// <summary>The package name, e.g. <c>Premium Account</c>.</summary>
    public required string Label { get; init; }

    /// <summary>The largest file the package may upload, in bytes (<c>0</c>: unlimited).</summary>
    public long MaxUploadSize { get; init; }

    /// <summary>Whether the package may upload at all.</summary>
    public bool CanUpload { get; init; }

    /// <summary>Seconds to wait between downloads.</summary>
    public int WaitBetweenDownloads { get; init; }

    /// <summary>The download speed limit (<c>0</c>: unlimited).</summary>
    public long DownloadSpeed { get; init; }

    /// <summary>The storage limit in bytes (<c>0</c>: unlimited).</summary>
    public long MaxStorageBytes { get; init; }

    /// <summary>Whether the site shows adverts to this package.</summary>
    public bool ShowSiteAdverts { get; init; }

    /// <summary>Whether the site shows the upgrade screen.</summary>
    public bool ShowUpgradeScreen { get; init; }

    /// <summary>Days inactive files are kept (<c>0</c>: forever).</summary>
    public int DaysToKeepInactiveFiles { get; init; }

    /// <summary>How many uploads may run at once (<c>0</c>: unlimited).</summary>
    public int ConcurrentUploads { get; init; }

    /// <summary>How many downloads may run at once (<c>0</c>: unlimited).</summary>
    public int ConcurrentDownloads { get; init; }

    /// <summary>Downloads allowed per 24 hours (<c>0</c>: unlimited).</summary>
    public int DownloadsPer24Hours { get; init; }

    /// <summary>The largest file the package may download, in bytes (<c>0</c>: unlimited).</summary>
    public long MaxDownloadFileSizeAllowed { get; init; }

    /// <summary>How many remote URLs may be queued for download (<c>0</c>: unlimited).</summary>
    public int MaxRemoteDownloadUrls { get; init; }

    /// <summary>The package's level type, e.g. <c>paid user</c>.</summary>
    public string? LevelType { get; init; }

    /// <summary>Whether the package is offered on the upgrade page.</summary>
    public bool OnUpgradePage { get; init; }
}

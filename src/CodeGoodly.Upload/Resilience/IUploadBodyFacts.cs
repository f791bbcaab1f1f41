namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// What an upload's body knows about its last attempt, reported to the retry rules (<see cref="RetryRules"/> decides what the facts mean;
/// the body never decides). Implemented by the upload's multipart body.
/// </summary>
internal interface IUploadBodyFacts
{
    /// <summary>Whether the body can be sent (again): not sent yet, or its stream can seek back.</summary>
    bool CanReplay { get; }

    /// <summary>Whether the last attempt handed every byte of the file to the network: only then can the server have stored it.</summary>
    bool BodyCompleted { get; }

    /// <summary>Whether the caller's stream (or a local check), not the network, stopped the last attempt.</summary>
    bool HasLocalFailure { get; }

    /// <summary>Tells the upload's idle watchdog that a retry's wait of <paramref name="delay"/> follows: waiting is not "no progress".</summary>
    void AllowRetryWait(TimeSpan delay);
}

namespace CodeGoodly.Upload;

/// <summary>
/// Settings for an <see cref="UploadClient"/>: where the API is, how to sign in, and how long to wait.
/// Set exactly one credential pair: <see cref="Key1"/> + <see cref="Key2"/>, or <see cref="Username"/> + <see cref="Password"/>.
/// </summary>
/// <remarks><see cref="ToString"/> never shows a key or the password.</remarks>
public sealed class UploadClientOptions
{
    /// <summary>The API's default address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://upload.codegoodly.com/api/v2/");

    /// <summary>The API's address, ending in <c>/api/v2/</c>; default <c>https://upload.codegoodly.com/api/v2/</c>.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The first 64-character API key, sent only to <c>/authorize</c>.</summary>
    public string? Key1 { get; set; }

    /// <summary>The second 64-character API key, sent only to <c>/authorize</c>.</summary>
    public string? Key2 { get; set; }

    /// <summary>The user name, for sites that authorize with account details instead of keys.</summary>
    public string? Username { get; set; }

    /// <summary>The password, for sites that authorize with account details instead of keys.</summary>
    public string? Password { get; set; }

    /// <summary>Allows an <c>http://</c> <see cref="BaseAddress"/> (a local fake, a test server). Off by default: plain HTTP would expose keys and tokens.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The time zone of the server's <c>Y-m-d H:i:s</c> dates; default UTC.</summary>
    public TimeZoneInfo ServerTimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// How many times one call is retried after a transient failure; default 3, 0 turns retries off. Reads retry network errors,
    /// timeouts, 408, 429 and 5xx; writes only 429, 503 and a refused connection (see docs/resilience.md). All calls of a client
    /// also share a retry budget (10 retries per 10 s plus 20% of the calls started), so a dead server is not hit by every caller's retries.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially with jitter. Default 500 ms; at most 24 hours.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait a server's <c>Retry-After</c> (seconds or an HTTP date) can impose before a retry; a longer one is cut to this. Default 30 s; at most 24 hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take: the whole answer to a small call, or a pause with no bytes moving in a transfer. Default 100 s; from 10 ms to 24 hours.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The longest a small call may take across all its attempts and waits; transfers are bounded by <see cref="AttemptTimeout"/> instead. Default 5 minutes; from 10 ms to 24 hours.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many times in one call a freshly issued token may be refused before the call fails with <see cref="UploadErrorKind.Authentication"/>.
    /// Another process signing in to the same account replaces this one's token; the call then signs in again after a short jittered wait. Default 5.
    /// </summary>
    public int MaxReauthorizations { get; set; } = 5;

    /// <summary>
    /// Where instances that sign in with the same credentials share their session (see docs/scale-out.md), such as
    /// <c>RedisUploadSessionStore</c>; <see langword="null"/> (the default): this client's own in-process session.
    /// The API keeps one token per account, so a fleet of instances on one account needs a shared store. With one, disposing a
    /// client leaves the shared token alone; <see cref="UploadClient.SignOutAsync"/> disables it and clears the store.
    /// Not read from configuration: set it in code, or with <c>UseUploadSessionStore</c> in dependency injection.
    /// </summary>
    public IUploadSessionStore? SessionStore { get; set; }

    /// <summary>Checks the settings and returns every problem found, in words a person can act on; empty when they are valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (BaseAddress is null)
        {
            errors.Add("BaseAddress is required.");
        }
        else if (!BaseAddress.IsAbsoluteUri)
        {
            errors.Add($"BaseAddress '{BaseAddress}' must be an absolute URI such as https://upload.example.com/api/v2/.");
        }
        else if (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add($"BaseAddress '{BaseAddress}' must use https.");
        }
        else if (BaseAddress.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp)
        {
            errors.Add($"BaseAddress '{BaseAddress}' uses plain http, which would expose the keys and tokens; use https, or set AllowInsecureHttp for a local test server.");
        }
        else if (!string.IsNullOrEmpty(BaseAddress.Query) || !string.IsNullOrEmpty(BaseAddress.Fragment))
        {
            errors.Add($"BaseAddress must not have a query or fragment.");
        }

        bool anyKey = !string.IsNullOrEmpty(Key1) || !string.IsNullOrEmpty(Key2);
        bool anyLogin = !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);
        if (anyKey && anyLogin)
        {
            errors.Add("Set either Key1 + Key2 or Username + Password, not both.");
        }
        else if (anyKey)
        {
            if (string.IsNullOrEmpty(Key1) || string.IsNullOrEmpty(Key2))
            {
                errors.Add("Key1 and Key2 must both be set.");
            }
            else if (Key1.Length != 64 || Key2.Length != 64)
            {
                errors.Add($"Key1 and Key2 must each be 64 characters long (got {Key1.Length} and {Key2.Length}).");
            }
        }
        else if (anyLogin)
        {
            if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
            {
                errors.Add("Username and Password must both be set.");
            }
        }
        else
        {
            errors.Add("No credentials: set Key1 + Key2 (the two 64-character API keys from the account settings) or Username + Password.");
        }

        if (ServerTimeZone is null)
        {
            errors.Add("ServerTimeZone is required.");
        }

        if (MaxRetries < 0)
        {
            errors.Add("MaxRetries must not be negative.");
        }

        if (MaxReauthorizations < 1)
        {
            errors.Add("MaxReauthorizations must be at least 1.");
        }

        // The ranges below are Polly's (RetryStrategyOptions.Delay, TimeoutStrategyOptions.Timeout): a value outside them would pass here
        // and then fail inside the pipeline with a ValidationException, or (MaxRetryAfter) only when a server's Retry-After is that long.
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("RetryBaseDelay and MaxRetryAfter must not be negative.");
        }

        AddIfLongerThanADay(errors, nameof(RetryBaseDelay), RetryBaseDelay);
        AddIfLongerThanADay(errors, nameof(MaxRetryAfter), MaxRetryAfter);

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
        {
            errors.Add("AttemptTimeout and TotalTimeout must be positive.");
        }

        AddIfNotATimeout(errors, nameof(AttemptTimeout), AttemptTimeout);
        AddIfNotATimeout(errors, nameof(TotalTimeout), TotalTimeout);

        return errors;
    }

    /// <summary>The shortest <see cref="AttemptTimeout"/> or <see cref="TotalTimeout"/> the timeout strategy accepts.</summary>
    internal static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest timeout, retry delay or <c>Retry-After</c> cap the resilience pipeline accepts.</summary>
    internal static readonly TimeSpan MaxTimeSetting = TimeSpan.FromHours(24);

    private static void AddIfNotATimeout(List<string> errors, string name, TimeSpan value)
    {
        // Zero and negative values already have their own message.
        if (value > TimeSpan.Zero && (value < MinTimeout || value > MaxTimeSetting))
        {
            errors.Add(FormattableString.Invariant($"{name} must be between 10 ms and 24 hours (got {value})."));
        }
    }

    private static void AddIfLongerThanADay(List<string> errors, string name, TimeSpan value)
    {
        if (value > MaxTimeSetting)
        {
            errors.Add(FormattableString.Invariant($"{name} must be at most 24 hours (got {value})."));
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every problem when the settings are not valid.</summary>
    /// <exception cref="ArgumentException">The settings are not valid.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid UploadClientOptions: " + string.Join(" ", errors), "options");
        }
    }

    /// <summary>Describes the settings; keys and password are shown only as set or not set.</summary>
    public override string ToString() =>
        $"UploadClientOptions {{ BaseAddress = {BaseAddress}, Credentials = {CredentialKind}, AllowInsecureHttp = {AllowInsecureHttp}, ServerTimeZone = {ServerTimeZone?.Id}, MaxRetries = {MaxRetries}, RetryBaseDelay = {RetryBaseDelay}, MaxRetryAfter = {MaxRetryAfter}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, SessionStore = {SessionStore?.GetType().Name ?? "none"} }}";

    private string CredentialKind =>
        !string.IsNullOrEmpty(Key1) ? "key pair (redacted)" : !string.IsNullOrEmpty(Username) ? $"username {Username}, password (redacted)" : "none";

    /// <summary>Returns an independent copy, so a client is not affected by later changes to these settings.</summary>
    public UploadClientOptions Clone() => (UploadClientOptions)MemberwiseClone();

    /// <summary>Whether this is a client's own validated copy (never handed out), which needs no second validation or copy.</summary>
    internal bool IsValidatedCopy { get; private set; }

    /// <summary>Validates these settings and returns a copy that later changes to this instance do not reach; a validated copy is returned as it is.</summary>
    internal UploadClientOptions ValidatedCopy()
    {
        if (IsValidatedCopy)
        {
            return this;
        }

        Validate();
        UploadClientOptions copy = Clone();
        copy.IsValidatedCopy = true;
        return copy;
    }
}

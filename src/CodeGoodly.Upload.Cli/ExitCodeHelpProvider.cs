using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace CodeGoodly.Upload.Cli;

/// <summary>Spectre's help, with what every run needs to know underneath: remote places, credentials and exit codes.</summary>
internal sealed class ExitCodeHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (IRenderable renderable in base.GetFooter(model, command))
        {
            yield return renderable;
        }

        yield return new Markup(
            Environment.NewLine + "[yellow]REMOTE PLACES:[/]" + Environment.NewLine
            + "    /backups/2026      a path, resolved folder by folder through listings; / is the root" + Environment.NewLine
            + "    id:1253            an id (a file or a folder); file:1253 or folder:125 when an id is both" + Environment.NewLine
            + "    Two items with one name make a path ambiguous: the error lists them by id." + Environment.NewLine
            + Environment.NewLine + "[yellow]CREDENTIALS:[/]" + Environment.NewLine
            + "    CODEGOODLY_UPLOAD_BASEADDRESS, _KEY1, _KEY2 (or _USERNAME, _PASSWORD), _ALLOWINSECUREHTTP;" + Environment.NewLine
            + "    otherwise the profile saved by `cgupload login` (CODEGOODLY_UPLOAD_PROFILE overrides its path);" + Environment.NewLine
            + "    --fake runs against the embedded fake server." + Environment.NewLine
            + Environment.NewLine + "[yellow]EXIT CODES:[/]" + Environment.NewLine
            + string.Join(Environment.NewLine, ExitCodes.All.Select(e => $"    {e.Code,-4} {Markup.Escape(e.Meaning)}")) + Environment.NewLine);
    }
}

namespace Gardefou.Verification.Portal;

/// <summary>
/// Every string the portal shows, in English and French. One instance per language; pages receive the request's
/// as a cascading value (see <see cref="PortalLanguage"/> for how it is chosen).
/// </summary>
public sealed class PortalText
{
    /// <summary>English.</summary>
    public static readonly PortalText English = new()
    {
        Lang = "en",
        OtherLang = "fr",
        OtherLangName = "Français",
        PortalName = "Gardefou verification portal",
        Brand = "Gardefou · verification portal",
        SkipToContent = "Skip to content",
        NavIssue = "Issue a code",
        NavStats = "Daily counts",
        NavUsers = "Users",
        NavAccount = "My password",
        SignOut = "Sign out",
        SignInTitle = "Sign in",
        UserName = "User name",
        Password = "Password",
        SignInButton = "Sign in",
        SignInFailed = "Sign-in failed: check the user name and password. After several failures each new try from this device must wait a little longer; an admin can reset a forgotten password.",
        TooManyFromNetwork = "Too many sign-in attempts from this network. Wait a minute and try again.",
        TooManyForAccount = "Too many failed sign-ins for this account from this device. Wait and try again; on a device you signed in from before, you are not held back.",
        Busy = "The portal is busy. Try again in a few seconds.",
        NotAccepted = "Request not accepted",
        BackToPortal = "Back to the portal",
        FormTooLarge = "The form is too large.",
        FormNotFromPortal = "Send the form from the portal page.",
        FormUnreadable = "The form could not be read.",
        FormExpired = "The form has expired or did not come from this portal. Reload the page and try again.",
        FormCrossOrigin = "The form did not come from this portal's own page (another site, a sandboxed frame or a local file). Open the portal and send it from there.",
        AdminsOnly = "Only an admin of the realm may manage users.",
        IssueTitle = "Issue a verification code",
        CodeForPatient = "Code for the patient",
        GiveCodeNow = "Give this code to the patient now. It is shown only once and cannot be displayed again.",
        CodeLabel = "Verification code",
        ValidUntil = "Valid until",
        LongCodeIntro = "For a text message or a link, the long code lasts longer:",
        LongValidUntil = "valid until",
        TestResult = "Test result",
        Confirmed = "Confirmed (positive laboratory test)",
        Likely = "Likely (clinical diagnosis)",
        TestDate = "Test date",
        SymptomDate = "Symptom onset date (optional)",
        SymptomHelp = "Leave empty if the patient has no symptoms or does not know.",
        IssueButton = "Issue code",
        ProgrammeEnded = "The programme has ended: no more codes are issued.",
        IssueInvalid = null,
        StatsTitle = "Daily counts",
        StatsIntroBefore = "Codes issued and claimed in realm",
        StatsIntroAfter = ", per UTC day. These are counts only: nothing about any patient is kept.",
        Day = "Day",
        CodesIssued = "Codes issued",
        CodesClaimed = "Codes claimed",
        Certificates = "Certificates",
        AccountTitle = "My password",
        CurrentPassword = "Current password",
        ChangeButton = "Change password",
        PasswordChanged = "Password changed; your other sessions are ended.",
        UsersTitle = "Users",
        HandOver = "Hand it over in person; it is shown only once.",
        User = "User",
        Role = "Role",
        Status = "Status",
        Actions = "Actions",
        Admin = "admin",
        CodeIssuer = "code issuer",
        Disabled = "disabled",
        Active = "active",
        ResetPassword = "Reset password",
        Disable = "Disable",
        Enable = "Enable",
        NewUser = "New user",
        UserNameHelp = "3 to 64 letters, digits, dots, dashes, underscores or @.",
        RoleIssuer = "Code issuer",
        RoleAdmin = "Admin",
        CreateUser = "Create user",
        BadNewUser = "A user name is 3 to 64 letters, digits, '.', '-', '_' or '@'; the role is code issuer or admin.",
        NameTaken = "That user name is already taken.",
        NoSuchUser = "No such user in your realm.",
        CannotDisableSelf = "You cannot disable your own account.",
    };

    /// <summary>French.</summary>
    public static readonly PortalText French = new()
    {
        Lang = "fr",
        OtherLang = "en",
        OtherLangName = "English",
        PortalName = "Portail de vérification Gardefou",
        Brand = "Gardefou · portail de vérification",
        SkipToContent = "Aller au contenu",
        NavIssue = "Délivrer un code",
        NavStats = "Comptes du jour",
        NavUsers = "Utilisateurs",
        NavAccount = "Mon mot de passe",
        SignOut = "Se déconnecter",
        SignInTitle = "Connexion",
        UserName = "Nom d'utilisateur",
        Password = "Mot de passe",
        SignInButton = "Se connecter",
        SignInFailed = "Échec de la connexion : vérifiez le nom d'utilisateur et le mot de passe. Après plusieurs échecs, chaque nouvel essai depuis cet appareil doit attendre un peu plus ; un administrateur peut réinitialiser un mot de passe oublié.",
        TooManyFromNetwork = "Trop de tentatives de connexion depuis ce réseau. Attendez une minute et réessayez.",
        TooManyForAccount = "Trop d'échecs de connexion pour ce compte depuis cet appareil. Attendez puis réessayez ; sur un appareil où vous vous êtes déjà connecté, vous n'êtes pas retenu.",
        Busy = "Le portail est occupé. Réessayez dans quelques secondes.",
        NotAccepted = "Demande refusée",
        BackToPortal = "Retour au portail",
        FormTooLarge = "Le formulaire est trop volumineux.",
        FormNotFromPortal = "Envoyez le formulaire depuis la page du portail.",
        FormUnreadable = "Le formulaire n'a pas pu être lu.",
        FormExpired = "Le formulaire a expiré ou ne vient pas de ce portail. Rechargez la page et réessayez.",
        FormCrossOrigin = "Le formulaire ne vient pas d'une page de ce portail (autre site, cadre isolé ou fichier local). Ouvrez le portail et envoyez-le depuis celui-ci.",
        AdminsOnly = "Seul un administrateur du domaine peut gérer les utilisateurs.",
        IssueTitle = "Délivrer un code de vérification",
        CodeForPatient = "Code pour le patient",
        GiveCodeNow = "Donnez ce code au patient maintenant. Il n'est affiché qu'une fois et ne pourra plus l'être.",
        CodeLabel = "Code de vérification",
        ValidUntil = "Valable jusqu'au",
        LongCodeIntro = "Pour un SMS ou un lien, le code long dure plus longtemps :",
        LongValidUntil = "valable jusqu'au",
        TestResult = "Résultat du test",
        Confirmed = "Confirmé (test de laboratoire positif)",
        Likely = "Probable (diagnostic clinique)",
        TestDate = "Date du test",
        SymptomDate = "Date d'apparition des symptômes (facultatif)",
        SymptomHelp = "Laissez vide si le patient n'a pas de symptômes ou ne sait pas.",
        IssueButton = "Délivrer le code",
        ProgrammeEnded = "Le programme est terminé : plus aucun code n'est délivré.",
        IssueInvalid = "Le formulaire n'est pas valable : le résultat est confirmé ou probable, la date du test ne peut être ni future ni trop ancienne, et les symptômes ne peuvent commencer ni après aujourd'hui ni longtemps avant le test.",
        StatsTitle = "Comptes du jour",
        StatsIntroBefore = "Codes délivrés et utilisés dans le domaine",
        StatsIntroAfter = ", par jour UTC. Ce ne sont que des comptes : rien n'est gardé sur aucun patient.",
        Day = "Jour",
        CodesIssued = "Codes délivrés",
        CodesClaimed = "Codes utilisés",
        Certificates = "Certificats",
        AccountTitle = "Mon mot de passe",
        CurrentPassword = "Mot de passe actuel",
        ChangeButton = "Changer le mot de passe",
        PasswordChanged = "Mot de passe changé ; vos autres sessions sont fermées.",
        UsersTitle = "Utilisateurs",
        HandOver = "Remettez-le en main propre ; il n'est affiché qu'une fois.",
        User = "Utilisateur",
        Role = "Rôle",
        Status = "État",
        Actions = "Actions",
        Admin = "administrateur",
        CodeIssuer = "délivre des codes",
        Disabled = "désactivé",
        Active = "actif",
        ResetPassword = "Réinitialiser le mot de passe",
        Disable = "Désactiver",
        Enable = "Réactiver",
        NewUser = "Nouvel utilisateur",
        UserNameHelp = "3 à 64 lettres, chiffres, points, tirets, soulignés ou @.",
        RoleIssuer = "Délivre des codes",
        RoleAdmin = "Administrateur",
        CreateUser = "Créer l'utilisateur",
        BadNewUser = "Un nom d'utilisateur compte 3 à 64 lettres, chiffres, « . », « - », « _ » ou « @ » ; le rôle est « délivre des codes » ou « administrateur ».",
        NameTaken = "Ce nom d'utilisateur est déjà pris.",
        NoSuchUser = "Cet utilisateur n'existe pas dans votre domaine.",
        CannotDisableSelf = "Vous ne pouvez pas désactiver votre propre compte.",
    };

#pragma warning disable CS1591 // One property per string: the English value is its documentation.
    public required string Lang { get; init; }
    public required string OtherLang { get; init; }
    public required string OtherLangName { get; init; }
    public required string PortalName { get; init; }
    public required string Brand { get; init; }
    public required string SkipToContent { get; init; }
    public required string NavIssue { get; init; }
    public required string NavStats { get; init; }
    public required string NavUsers { get; init; }
    public required string NavAccount { get; init; }
    public required string SignOut { get; init; }
    public required string SignInTitle { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required string SignInButton { get; init; }
    public required string SignInFailed { get; init; }
    public required string TooManyFromNetwork { get; init; }
    public required string TooManyForAccount { get; init; }
    public required string Busy { get; init; }
    public required string NotAccepted { get; init; }
    public required string BackToPortal { get; init; }
    public required string FormTooLarge { get; init; }
    public required string FormNotFromPortal { get; init; }
    public required string FormUnreadable { get; init; }
    public required string FormExpired { get; init; }
    public required string FormCrossOrigin { get; init; }
    public required string AdminsOnly { get; init; }
    public required string IssueTitle { get; init; }
    public required string CodeForPatient { get; init; }
    public required string GiveCodeNow { get; init; }
    public required string CodeLabel { get; init; }
    public required string ValidUntil { get; init; }
    public required string LongCodeIntro { get; init; }
    public required string LongValidUntil { get; init; }
    public required string TestResult { get; init; }
    public required string Confirmed { get; init; }
    public required string Likely { get; init; }
    public required string TestDate { get; init; }
    public required string SymptomDate { get; init; }
    public required string SymptomHelp { get; init; }
    public required string IssueButton { get; init; }
    public required string ProgrammeEnded { get; init; }

    /// <summary>The whole message for a refused issue form; null in English, which shows the precise problem instead.</summary>
    public required string? IssueInvalid { get; init; }
    public required string StatsTitle { get; init; }
    public required string StatsIntroBefore { get; init; }
    public required string StatsIntroAfter { get; init; }
    public required string Day { get; init; }
    public required string CodesIssued { get; init; }
    public required string CodesClaimed { get; init; }
    public required string Certificates { get; init; }
    public required string AccountTitle { get; init; }
    public required string CurrentPassword { get; init; }
    public required string ChangeButton { get; init; }
    public required string PasswordChanged { get; init; }
    public required string UsersTitle { get; init; }
    public required string HandOver { get; init; }
    public required string User { get; init; }
    public required string Role { get; init; }
    public required string Status { get; init; }
    public required string Actions { get; init; }
    public required string Admin { get; init; }
    public required string CodeIssuer { get; init; }
    public required string Disabled { get; init; }
    public required string Active { get; init; }
    public required string ResetPassword { get; init; }
    public required string Disable { get; init; }
    public required string Enable { get; init; }
    public required string NewUser { get; init; }
    public required string UserNameHelp { get; init; }
    public required string RoleIssuer { get; init; }
    public required string RoleAdmin { get; init; }
    public required string CreateUser { get; init; }
    public required string BadNewUser { get; init; }
    public required string NameTaken { get; init; }
    public required string NoSuchUser { get; init; }
    public required string CannotDisableSelf { get; init; }
#pragma warning restore CS1591

    /// <summary>"Password for NAME".</summary>
    public string PasswordFor(string? name) => Lang == "fr" ? $"Mot de passe de {name}" : $"Password for {name}";

    /// <summary>"Accounts of realm NAME".</summary>
    public string AccountsOf(string realm) => Lang == "fr" ? $"Comptes du domaine {realm}" : $"Accounts of realm {realm}";

    /// <summary>"Last N days".</summary>
    public string LastDays(int days) => Lang == "fr" ? $"{days} derniers jours" : $"Last {days} days";

    /// <summary>The label of the new-password field.</summary>
    public string NewPasswordLabel(int minLength) => Lang == "fr" ? $"Nouveau mot de passe (au moins {minLength} caractères)" : $"New password (at least {minLength} characters)";

    /// <summary>Why a password change was refused.</summary>
    public string PasswordNotChanged(int minLength) => Lang == "fr"
        ? $"Mot de passe inchangé : vérifiez le mot de passe actuel ; le nouveau doit compter au moins {minLength} caractères."
        : $"Password not changed: check the current password; the new one needs at least {minLength} characters.";

    /// <summary>"User NAME created."</summary>
    public string UserCreated(string name) => Lang == "fr" ? $"Utilisateur {name} créé." : $"User {name} created.";

    /// <summary>After an admin's reset.</summary>
    public string PasswordReset(string name) => Lang == "fr" ? $"Mot de passe de {name} réinitialisé ; ses sessions sont fermées." : $"Password of {name} reset; its sessions are ended.";

    /// <summary>After disabling or enabling.</summary>
    public string UserSwitched(string name, bool disabled) => Lang == "fr"
        ? $"Utilisateur {name} {(disabled ? "désactivé" : "réactivé")}."
        : $"User {name} {(disabled ? "disabled" : "enabled")}.";

    /// <summary>The name of a test type as the API spells it ("confirmed", "likely").</summary>
    public string TestTypeName(string apiName) => (Lang, apiName) switch
    {
        ("fr", "likely") => "probable",
        ("fr", _) => "confirmé",
        _ => apiName,
    };

    /// <summary>"Test: T, tested D, symptoms since S."</summary>
    public string TestSummary(string testType, string testDate, string? symptomDate) => Lang == "fr"
        ? $"Test : {TestTypeName(testType)}, réalisé le {testDate}{(symptomDate is null ? "" : $", symptômes depuis le {symptomDate}")}."
        : $"Test: {testType}, tested {testDate}{(symptomDate is null ? "" : $", symptoms since {symptomDate}")}.";
}

namespace Gardefou.Registry.Demo;

/// <summary>Word lists for plausible French site names and street addresses.</summary>
internal static class DemoNames
{
    public static readonly string[] Streets =
    [
        "rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "rue Pasteur", "place de la Mairie",
        "rue de l'Église", "boulevard Gambetta", "rue du Général de Gaulle", "avenue de la Gare", "rue Nationale",
        "rue des Écoles", "place du Marché", "rue Jules Ferry", "avenue Foch", "rue Émile Zola", "rue du Moulin",
        "chemin des Vignes", "rue de la Paix", "allée des Tilleuls", "rue Voltaire", "rue Carnot", "quai des Arts",
    ];

    public static readonly string[] PharmacyNames =
    [
        "Pharmacie du Centre", "Pharmacie de la Gare", "Pharmacie de la Mairie", "Pharmacie du Marché",
        "Pharmacie des Halles", "Grande Pharmacie", "Pharmacie de l'Église", "Pharmacie du Parc", "Pharmacie Pasteur",
        "Pharmacie des Écoles", "Pharmacie du Pont", "Pharmacie Saint-Jean",
    ];

    public static readonly string[] LabNames = ["Laboratoire Bio", "Laboratoire d'analyses", "Centre de dépistage", "Laboratoire Biomédical"];

    public static readonly string[] Languages = ["en", "es", "ar", "de", "it", "pt", "tr", "zh"];
}

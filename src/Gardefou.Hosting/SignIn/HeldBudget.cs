namespace Gardefou.Hosting.SignIn;

/// <summary>One place a ticket holds: the budget's state, its rule and whether a success clears it.</summary>
internal readonly record struct HeldBudget(BudgetState State, FailureBudget Rule, bool SuccessClears);

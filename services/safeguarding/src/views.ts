/** The parent a `ChildProtection` resolver receives: the child it describes (its parts load per request). */
export interface ChildProtectionView {
  childId: string;
}

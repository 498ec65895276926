"""Trust in a received package: the verdict on its signer, the registry of signers, organizations."""

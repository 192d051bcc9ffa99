# Ends with an explicitly raised RuntimeError.
# expect: uncaught RuntimeError
state = {"ready": False}
def start():
    if not state["ready"]:
        raise RuntimeError("system not ready")
    return "started"
print("checking")
start()

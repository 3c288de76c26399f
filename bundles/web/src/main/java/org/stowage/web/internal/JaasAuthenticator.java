package org.stowage.web.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Logs users in through a Karaf JAAS realm ({@code karaf} by default: etc/users.properties, the users of the shell).
 * The realm's login modules are found through Karaf's {@link ProxyLoginModule}, which {@link LoginContext} loads with
 * the thread's context class loader: this bundle's loader, which imports its package. Thread-safe.
 */
final class JaasAuthenticator {

    /** Referenced so that bnd imports the package whose ProxyLoginModule the realm's configuration names. */
    static final String PROXY_MODULE = ProxyLoginModule.class.getName();

    private final String realm;

    JaasAuthenticator(String realm) {
        this.realm = realm;
    }

    /**
     * The Karaf role names of the user, or empty when the name or password is wrong. The password is cleared from
     * the array afterwards.
     */
    Optional<List<String>> login(String name, char[] password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> answer(callbacks, name, password));
            context.login();
            List<String> roles = new ArrayList<>();
            for (Principal principal : subject.getPrincipals()) {
                // a group of users.properties (_g_:admingroup) adds a GroupPrincipal and a RolePrincipal per role
                if (principal instanceof RolePrincipal) {
                    roles.add(principal.getName());
                }
            }
            context.logout();
            return Optional.of(roles);
        } catch (LoginException e) {
            // wrong name or password: the reason stays here, the client learns only that the login failed
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
            Arrays.fill(password, '\0');
        }
    }

    private static void answer(Callback[] callbacks, String name, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback nameCallback) {
                nameCallback.setName(name);
            } else if (callback instanceof PasswordCallback passwordCallback) {
                passwordCallback.setPassword(password.clone());
            } else {
                throw new UnsupportedCallbackException(callback, "the Stowage web login answers name and password "
                        + "only");
            }
        }
    }
}

package io.jenkins.plugins.zopesync.conventions;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/** What Stapler would see of a plugin class: its data-bound properties and its descriptor's web methods. */
final class ClassModel {
    private ClassModel() {}

    /** The class a view folder belongs to: {@code …/zopesync/SshAccess/config.jelly} is {@code SshAccess}. */
    static Class<?> classOf(Path view) throws ClassNotFoundException {
        return Class.forName(PluginFiles.PACKAGE + "." + view.getParent().getFileName());
    }

    /** The @DataBoundConstructor parameters and @DataBoundSetter properties, in declaration order. */
    static Set<String> properties(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    if (!parameter.isNamePresent()) {
                        throw new IllegalStateException("compile with -parameters: " + constructor);
                    }
                    names.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)
                    && method.getName().startsWith("set")) {
                names.add(Character.toLowerCase(method.getName().charAt(3))
                        + method.getName().substring(4));
            }
        }
        return names;
    }

    /** The descriptor class: the nested {@code DescriptorImpl}, or the class itself for a global configuration. */
    static Class<?> descriptorOf(Class<?> type) {
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("DescriptorImpl")) {
                return nested;
            }
        }
        return type;
    }

    /** The names of the descriptor's public methods annotated with @POST. */
    static List<String> postMethods(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Method method : descriptorOf(type).getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && method.isAnnotationPresent(POST.class)) {
                names.add(method.getName());
            }
        }
        return names;
    }

    /** The descriptor's public web methods ({@code doCheck…}, {@code doFill…}, {@code doTest…}, …). */
    static List<Method> webMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : descriptorOf(type).getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("do")) {
                methods.add(method);
            }
        }
        return methods;
    }
}
